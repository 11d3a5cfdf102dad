namespace Herald.Editions;

public enum EditionOutcome
{
    /// <summary>Built now and its send batches queued.</summary>
    Queued,

    /// <summary>The slot's edition was already built and queued by an earlier run.</summary>
    AlreadyQueued,

    /// <summary>The slot came and no new story carries the newsletter's tags: no edition, no email.</summary>
    NothingNew,

    /// <summary>No slot of the newsletter's schedule has come since its last edition (the report names the next).</summary>
    NotDue,

    /// <summary>Another instance is queuing this edition's batches right now.</summary>
    InProgress,

    /// <summary>Building or queuing failed (the report's error says why); the next run tries again.</summary>
    Failed,
}
