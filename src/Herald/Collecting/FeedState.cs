using Azure;
using Azure.Data.Tables;

namespace Herald.Collecting;

/// <summary>What Herald remembers of a feed between runs: the validators for a conditional GET, and how it last went.</summary>
public sealed class FeedState : ITableEntity
{
    public string PartitionKey { get; set; } = "feed";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Source { get; set; } = "";
    public string? HttpETag { get; set; }
    public string? HttpLastModified { get; set; }
    public DateTimeOffset? LastSuccessAt { get; set; }
    public DateTimeOffset? LastAttemptAt { get; set; }
    public string? LastError { get; set; }
    public int ConsecutiveFailures { get; set; }
    public int LastItemCount { get; set; }

    /// <summary>Keys of the items the feed carried last time ("a1b2...;c3d4..."): those are not processed again.</summary>
    public string SeenItems { get; set; } = "";

    /// <summary>The short paragraphs the source's pages carried, as <see cref="Collecting.SiteLines"/> remembers them.</summary>
    public string? SiteLines { get; set; }
}
