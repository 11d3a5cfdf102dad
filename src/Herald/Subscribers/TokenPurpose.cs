namespace Herald.Subscribers;

public enum TokenPurpose
{
    Confirm,
    Unsubscribe,
    Preferences,
}
