namespace Herald.Subscribers;

/// <summary>Where a subscriber stands with one newsletter.</summary>
public enum SubscriberStatus
{
    /// <summary>Never subscribed to this newsletter.</summary>
    None,

    /// <summary>Asked to subscribe, has not confirmed yet (double opt-in): receives no digest.</summary>
    Pending,
    Active,
    Unsubscribed,

    /// <summary>Hard bounce, spam report or provider drop: never mailed again.</summary>
    Suppressed,
}
