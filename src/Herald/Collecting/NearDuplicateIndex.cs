using Azure;
using Azure.Data.Tables;
using Herald.Storage;

namespace Herald.Collecting;

/// <summary>A row per SimHash band of a stored article: PartitionKey "{band}-{16 bits}", RowKey the article id.</summary>
public sealed class FingerprintRow : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public long Fingerprint { get; set; }
    public string BlobName { get; set; } = "";
}

/// <summary>Finds a stored article whose text is a near-duplicate of a new one, by SimHash bands in Table storage.</summary>
public sealed class NearDuplicateIndex(HeraldStorage storage)
{
    public async Task<FingerprintRow?> FindAsync(ulong fingerprint, int maxBits, string exceptArticleId, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync();
        FingerprintRow? best = null;
        var bestDistance = int.MaxValue;
        foreach (var band in SimHash.Bands(fingerprint))
        {
            await foreach (var row in storage.Fingerprints.QueryAsync<FingerprintRow>(r => r.PartitionKey == band, cancellationToken: cancellationToken))
            {
                var distance = SimHash.Distance(fingerprint, unchecked((ulong)row.Fingerprint));
                if (row.RowKey != exceptArticleId && distance <= maxBits && (distance < bestDistance || (distance == bestDistance && string.CompareOrdinal(row.RowKey, best!.RowKey) < 0)))
                {
                    (best, bestDistance) = (row, distance);
                }
            }
        }

        return best;
    }

    public async Task AddAsync(ulong fingerprint, string articleId, string blobName, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync();
        foreach (var band in SimHash.Bands(fingerprint))
        {
            await storage.Fingerprints.UpsertEntityAsync(
                new FingerprintRow { PartitionKey = band, RowKey = articleId, Fingerprint = unchecked((long)fingerprint), BlobName = blobName },
                TableUpdateMode.Replace,
                cancellationToken);
        }
    }
}
