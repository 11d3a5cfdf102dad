using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;

namespace Herald.Subscribers;

/// <summary>A subscriber row: PartitionKey is the newsletter id, RowKey the subscriber id (a hash of the address).</summary>
public sealed class Subscriber : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Email { get; set; } = "";
    public string Status { get; set; } = nameof(SubscriberStatus.Pending);
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ConfirmedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>How the subscription came about ("form", "cli", "sample"): consent records are kept.</summary>
    public string Origin { get; set; } = "";

    /// <summary>Why the subscription ended, when it did ("unsubscribe link", "bounce").</summary>
    public string? EndReason { get; set; }

    [IgnoreDataMember]
    public string NewsletterId => PartitionKey;
    [IgnoreDataMember]
    public string Id => RowKey;
    [IgnoreDataMember]
    public SubscriberStatus State => Enum.TryParse<SubscriberStatus>(Status, out var state) ? state : SubscriberStatus.Pending;
}
