using Azure;
using Azure.Data.Tables;

namespace Herald.Delivery;

/// <summary>What the provider reported about an edition's mail (PartitionKey: edition id, RowKey: "stats"), from its event webhook.</summary>
public sealed class EditionStatsRecord : ITableEntity
{
    public const string Key = "stats";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = Key;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public int Processed { get; set; }
    public int Delivered { get; set; }
    public int Deferred { get; set; }
    public int Bounced { get; set; }
    public int Blocked { get; set; }
    public int Dropped { get; set; }
    public int Opened { get; set; }
    public int Clicked { get; set; }
    public int SpamReports { get; set; }
    public int Unsubscribed { get; set; }

    /// <summary>Adds one provider event of <paramref name="kind"/> (SendGrid's event name; "blocked" for a bounce of type blocked).</summary>
    public void Count(string kind)
    {
        switch (kind)
        {
            case "processed": Processed++; break;
            case "delivered": Delivered++; break;
            case "deferred": Deferred++; break;
            case "bounce": Bounced++; break;
            case "blocked": Blocked++; break;
            case "dropped": Dropped++; break;
            case "open": Opened++; break;
            case "click": Clicked++; break;
            case "spamreport": SpamReports++; break;
            case "unsubscribe" or "group_unsubscribe": Unsubscribed++; break;
        }
    }

    public void Add(EditionStatsRecord other)
    {
        Processed += other.Processed;
        Delivered += other.Delivered;
        Deferred += other.Deferred;
        Bounced += other.Bounced;
        Blocked += other.Blocked;
        Dropped += other.Dropped;
        Opened += other.Opened;
        Clicked += other.Clicked;
        SpamReports += other.SpamReports;
        Unsubscribed += other.Unsubscribed;
    }
}
