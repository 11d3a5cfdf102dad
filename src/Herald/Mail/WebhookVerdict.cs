namespace Herald.Mail;

/// <summary>Whether a signed webhook request is SendGrid's own, and fresh.</summary>
public enum WebhookVerdict
{
    Genuine,

    /// <summary>No public key is configured: nothing can be verified, so nothing is accepted.</summary>
    NotConfigured,

    /// <summary>The signature or timestamp header is missing or unreadable.</summary>
    MissingSignature,

    /// <summary>The timestamp is outside the allowed window: a replay, or a clock far off.</summary>
    Stale,

    /// <summary>The signature does not match the timestamp and body with the configured key.</summary>
    Forged,
}
