using Azure;
using Azure.Data.Tables;

namespace Herald.Delivery;

/// <summary>
/// How far an edition's fan-out got (PartitionKey: edition id, RowKey: "fanout"): batches are cut in subscriber-id
/// order and recorded one by one, so a fan-out interrupted at any line resumes after <see cref="LastId"/>.
/// </summary>
public sealed class FanOutRecord : ITableEntity
{
    public const string Key = "fanout";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = Key;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string NewsletterId { get; set; } = "";
    public int Batches { get; set; }
    public int Recipients { get; set; }

    /// <summary>The last subscriber id put into a batch; null before the first.</summary>
    public string? LastId { get; set; }

    public bool Complete { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
}
