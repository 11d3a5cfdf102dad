namespace Herald.Delivery;

/// <summary>Where a send batch stands.</summary>
public enum BatchState
{
    /// <summary>Its recipients are written down and its message queued.</summary>
    Queued,

    /// <summary>A sender has started on it.</summary>
    Sending,

    /// <summary>Every recipient was sent to, refused, or had left.</summary>
    Sent,

    /// <summary>It could not go (a refused key, a provider down past every retry): waiting for an operator's redrive.</summary>
    Parked,
}
