using Azure;
using Azure.Data.Tables;

namespace Herald.Delivery;

/// <summary>
/// The ledger row of one send batch (PartitionKey: edition id, RowKey: "b000017"). Its recipients are a fixed,
/// ordered list written at fan-out; <see cref="Progress"/> counts how many of them are done, so a retry resumes
/// there. Before each request a sender claims the next recipients (<see cref="ClaimFrom"/> to <see cref="ClaimTo"/>)
/// until <see cref="ClaimedUntil"/>, with the row's ETag; after it, it moves <see cref="Progress"/> past them.
/// </summary>
public sealed class BatchRecord : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string NewsletterId { get; set; } = "";
    public int Batch { get; set; }

    /// <summary>The edition's slot ("2026-11-25-0600"), to find it again when the batch is redriven.</summary>
    public string EditionSlot { get; set; } = "";
    public string State { get; set; } = nameof(BatchState.Queued);

    /// <summary>Recipients written down at fan-out.</summary>
    public int Recipients { get; set; }

    /// <summary>Lowest and highest subscriber id of the batch (batches are cut in id order), so the fan-out resumes after the last.</summary>
    public string FirstId { get; set; } = "";
    public string LastId { get; set; } = "";

    /// <summary>When the recipients were read: anyone who opted out after this is left out at send time.</summary>
    public DateTimeOffset SnapshotAt { get; set; }

    /// <summary>How many of the batch's recipients are done (sent, refused, or no longer subscribed).</summary>
    public int Progress { get; set; }

    public int Sent { get; set; }
    public int Failed { get; set; }
    public int OptedOut { get; set; }

    /// <summary>Requests repeated after a throttle, a 5xx or a broken connection.</summary>
    public int Retries { get; set; }

    /// <summary>Recipients sent again because an earlier request's outcome was unknown (they may have it twice).</summary>
    public int Resent { get; set; }

    public int ClaimFrom { get; set; }
    public int ClaimTo { get; set; }
    public string? ClaimedBy { get; set; }
    public DateTimeOffset? ClaimedUntil { get; set; }

    public string? Transport { get; set; }
    public string? ParkReason { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }

    [System.Runtime.Serialization.IgnoreDataMember]
    public BatchState Status => Enum.TryParse<BatchState>(State, out var state) ? state : BatchState.Queued;

    public static string KeyOf(int batch) => "b" + batch.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
}
