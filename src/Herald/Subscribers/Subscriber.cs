using Azure;
using System.Runtime.Serialization;
using Azure.Data.Tables;

namespace Herald.Subscribers;

public enum SubscriberStatus
{
    /// <summary>Asked to subscribe, has not confirmed yet (double opt-in): receives no digest.</summary>
    Pending,
    Active,
    Unsubscribed,

    /// <summary>Hard bounce, spam report or provider drop: never mailed again.</summary>
    Suppressed,
}

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
