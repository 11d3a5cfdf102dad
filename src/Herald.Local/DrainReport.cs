namespace Herald.Local;

/// <summary>What draining a queue did; <see cref="Waiting"/> messages were still hidden, queued for a later time, when it stopped.</summary>
public sealed record DrainReport(int Processed, int Failed, int Poisoned)
{
    public int Waiting { get; init; }

    /// <summary>Send batches that could not go and wait for a redrive (only a send drain counts them).</summary>
    public int Parked { get; init; }
}
