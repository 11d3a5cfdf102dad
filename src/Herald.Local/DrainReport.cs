namespace Herald.Local;

/// <summary>What draining a queue did; <see cref="Waiting"/> messages were still hidden, queued for a later time, when it stopped.</summary>
public sealed record DrainReport(int Processed, int Failed, int Poisoned)
{
    public int Waiting { get; init; }
}
