using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Herald.Storage;

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
}

/// <summary>Per-feed state in the "feedstate" table, keyed by a hash of the feed address, so it survives restarts.</summary>
public sealed class FeedStateStore(HeraldStorage storage)
{
    public static string KeyOf(string feedAddress) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(feedAddress)).AsSpan(0, 16));

    public async Task<FeedState> GetAsync(string feedAddress, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync();
        var row = await storage.FeedState.GetEntityIfExistsAsync<FeedState>("feed", KeyOf(feedAddress), cancellationToken: cancellationToken);
        return row.HasValue ? row.Value! : new FeedState { RowKey = KeyOf(feedAddress), Source = feedAddress };
    }

    public async Task SaveAsync(FeedState state, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync();
        await storage.FeedState.UpsertEntityAsync(state, TableUpdateMode.Replace, cancellationToken);
    }
}
