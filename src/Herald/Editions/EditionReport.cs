namespace Herald.Editions;

/// <summary>What building and queuing one newsletter's edition did.</summary>
public sealed record EditionReport(string NewsletterId, string EditionId, EditionOutcome Outcome, int Articles, int Stories, int Recipients, int Batches)
{
    /// <summary>An earlier edition whose batches this run finished queuing (its instance had died part-way).</summary>
    public string? Resumed { get; init; }

    /// <summary>Slots that came while no run did, built by this run before the latest one.</summary>
    public int LateSlots { get; init; }

    /// <summary>The newsletter's next slot, "2026-11-26 06:00 America/New_York".</summary>
    public string? NextSlot { get; init; }

    public string? Error { get; init; }

    /// <summary>The edition's slot key ("2026-11-25-0600"): where its emails are in an outbox.</summary>
    public string? Slot { get; init; }
}
