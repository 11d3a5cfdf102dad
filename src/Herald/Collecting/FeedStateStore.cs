using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using Herald.Storage;

namespace Herald.Collecting;

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
