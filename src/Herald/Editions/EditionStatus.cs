namespace Herald.Editions;

public enum EditionStatus
{
    /// <summary>Rendered and stored; its send batches may not all be queued yet.</summary>
    Built,

    /// <summary>Every send batch is queued.</summary>
    Queued,
}
