namespace Herald.Subscribers;

public enum SubscriberStatus
{
    /// <summary>Asked to subscribe, has not confirmed yet (double opt-in): receives no digest.</summary>
    Pending,
    Active,
    Unsubscribed,

    /// <summary>Hard bounce, spam report or provider drop: never mailed again.</summary>
    Suppressed,
}
