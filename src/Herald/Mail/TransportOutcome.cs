namespace Herald.Mail;

/// <summary>What became of the recipients of a request that the transport did not hand over.</summary>
public enum TransportOutcome
{
    /// <summary>Every recipient was handed over, or refused for good.</summary>
    Done,

    /// <summary>Some addresses were refused for good (see <see cref="TransportResult.Refused"/>); the others can go at once.</summary>
    RecipientsRefused,

    /// <summary>The provider asked us to slow down; try again after <see cref="TransportResult.RetryAfter"/>.</summary>
    Throttled,

    /// <summary>A failure that a later attempt may not have (a 5xx, a refused connection): nothing was handed over.</summary>
    Transient,

    /// <summary>A failure no retry mends (a bad key, a refused request): an operator must look.</summary>
    Permanent,

    /// <summary>The request may or may not have been taken (no answer in time, the connection dropped after sending).</summary>
    Unknown,
}
