namespace Herald.Editions;

public enum EditionStatus
{
    /// <summary>Rendered and stored; its send batches may not all be queued yet.</summary>
    Built,

    /// <summary>Every send batch is queued.</summary>
    Queued,

    /// <summary>The slot came and no new story carried the newsletter's tags: no email. Kept so the slot counts as handled and shows in "herald deliveries".</summary>
    Skipped,
}
