namespace Herald.Delivery;

public enum EditionOutcome
{
    /// <summary>Built now and its send batches queued.</summary>
    Queued,

    /// <summary>Today's edition was already built and queued by an earlier run.</summary>
    AlreadyQueued,

    /// <summary>No new article carries the newsletter's tags: no edition, no email.</summary>
    NothingNew,

    /// <summary>Another instance is queuing this edition's batches right now.</summary>
    InProgress,

    /// <summary>Building or queuing failed (the report's error says why); the next run tries again.</summary>
    Failed,
}
