using Azure;
using Azure.Data.Tables;

namespace Herald.Delivery;

/// <summary>A row per email handed to the channel: PartitionKey is the edition id, RowKey the subscriber id.</summary>
public sealed class DeliveryRecord : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public DateTimeOffset SentAt { get; set; }
    public string Channel { get; set; } = "";
}
