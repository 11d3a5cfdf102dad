namespace Herald.Delivery;

/// <summary>What handling one send-batch message did.</summary>
public sealed record BatchReport(int Sent, int AlreadySent, int NoLongerSubscribed)
{
    /// <summary>Recipients the provider refused for good (recorded with their reason).</summary>
    public int Failed { get; init; }

    /// <summary>Requests repeated after a throttle, a 5xx or a broken connection.</summary>
    public int Retries { get; init; }

    /// <summary>Recipients sent again because an earlier request's outcome was unknown.</summary>
    public int Resent { get; init; }

    /// <summary>The batch could not go and waits for a redrive (the reason is in the ledger).</summary>
    public bool Parked { get; init; }

    /// <summary>Another sender holds the batch, or the provider asked to wait longer than this run may: the message was queued again for later.</summary>
    public bool Deferred { get; init; }

    /// <summary>What was released is done; the rest of the batch waits for its readers' morning (a newsletter with a reader time).</summary>
    public bool Waiting { get; init; }
}
