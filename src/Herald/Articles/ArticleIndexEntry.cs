using Azure;
using Azure.Data.Tables;

namespace Herald.Articles;

/// <summary>
/// Table row that lets an edition select articles by collection time and tag without reading blobs.
/// PartitionKey is the UTC day of collection ("20261125"), RowKey the article id.
/// </summary>
public sealed class ArticleIndexEntry : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string BlobName { get; set; } = "";
    public string Title { get; set; } = "";
    public DateTimeOffset CollectedAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }

    /// <summary>Tags wrapped in semicolons (";us-politics;white-house;") so that one string holds them all.</summary>
    public string Tags { get; set; } = ";";

    /// <summary>SimHash of the text (as a signed 64-bit number, which is what Table storage holds), when the text is long enough.</summary>
    public long? Fingerprint { get; set; }

    [System.Runtime.Serialization.IgnoreDataMember]
    public IReadOnlyList<string> TagList => Tags.Split(';', StringSplitOptions.RemoveEmptyEntries);

    public static string DayKey(DateTimeOffset time) => time.UtcDateTime.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
}
