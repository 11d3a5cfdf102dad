namespace Herald.Delivery;

/// <summary>Where one edition's delivery stands, summed over its batches.</summary>
public sealed record EditionDeliveries(
    string EditionId,
    string NewsletterId,
    DateTimeOffset StartedAt,
    bool FanOutComplete,
    int Recipients,
    int Batches,
    int Queued,
    int Sending,
    int SentBatches,
    int Parked,
    int Sent,
    int Failed,
    int OptedOut,
    int Retries,
    int Resent)
{
    /// <summary>Recipients not yet sent to, refused or left out: what is still on its way.</summary>
    public int Pending => Math.Max(0, Recipients - Sent - Failed - OptedOut);
}
