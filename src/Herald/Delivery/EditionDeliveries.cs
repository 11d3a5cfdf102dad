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
    /// <summary>
    /// Where the edition's delivery stands, as an operator says it: "parked" (a batch waits for a redrive), "sent" (every
    /// batch done), "sending" (some readers have it), "scheduled" (batches queued for a sender or their readers'
    /// morning), or "fanning out" (its batches are still being cut).
    /// </summary>
    public string State =>
        Parked > 0 ? "parked"
        : FanOutComplete && SentBatches == Batches ? "sent"
        : Sending > 0 || Sent + Failed > 0 ? "sending"
        : FanOutComplete ? "scheduled"
        : "fanning out";

    /// <summary>Recipients not yet sent to, refused or left out: what is still on its way.</summary>
    public int Pending => Math.Max(0, Recipients - Sent - Failed - OptedOut);
}
