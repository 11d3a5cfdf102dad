namespace Herald.Subscribers;

public enum SubscribeOutcome
{
    /// <summary>A confirmation email is on its way (or was sent a moment ago). Shown for known addresses too, so the form reveals nothing.</summary>
    ConfirmationSent,
    InvalidAddress,
    UnknownNewsletter,

    /// <summary>The client address has set off its hour's confirmations (SignUps:ConfirmationsPerClientPerHour): nothing is mailed.</summary>
    OverQuota,
}
