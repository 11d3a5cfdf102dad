namespace Herald.Delivery;

/// <summary>What building and queuing one newsletter's edition did.</summary>
public sealed record EditionReport(string NewsletterId, string EditionId, EditionOutcome Outcome, int Articles, int Stories, int Recipients, int Batches)
{
    /// <summary>An earlier edition whose batches this run finished queuing (its instance had died part-way).</summary>
    public string? Resumed { get; init; }

    public string? Error { get; init; }
}
