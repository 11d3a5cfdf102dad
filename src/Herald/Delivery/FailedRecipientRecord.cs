using Azure;
using Azure.Data.Tables;

namespace Herald.Delivery;

/// <summary>A recipient the provider refused for good (PartitionKey: edition id, RowKey: "r" + subscriber id), with the reason.</summary>
public sealed class FailedRecipientRecord : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public int Batch { get; set; }
    public string Reason { get; set; } = "";
    public DateTimeOffset FailedAt { get; set; }

    public static string KeyOf(string subscriberId) => "r" + subscriberId;
}
