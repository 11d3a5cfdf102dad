using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;
using Herald.Storage;
using Microsoft.Extensions.Logging;

namespace Herald.Articles;

/// <summary>Article documents in Blob storage plus their selection index in Table storage.</summary>
public sealed class ArticleStore(HeraldStorage storage, ILogger<ArticleStore> logger)
{
    private const string CollectedAtMetadata = "collectedat";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Date-partitioned by publication day; undated articles live under "undated/" so a retry finds the same name.</summary>
    public static string BlobName(Article article) =>
        article.PublishedAt is { } published
            ? $"{published.UtcDateTime.ToString("yyyy/MM/dd", CultureInfo.InvariantCulture)}/{article.Id}.json"
            : $"undated/{article.Id}.json";

    /// <summary>
    /// Stores the article unless a document with its id is already there. Returns true when it was new.
    /// The blob is written first with If-None-Match: *, then the index row; a crash between the two is
    /// healed by the next attempt, which finds the blob and adds the missing row.
    /// </summary>
    public async Task<bool> AddAsync(Article article, CancellationToken cancellationToken, ulong? fingerprint = null)
    {
        await storage.EnsureCreatedAsync();
        var blob = storage.Articles.GetBlobClient(BlobName(article));
        var collectedAt = article.CollectedAt;
        var isNew = true;
        try
        {
            await blob.UploadAsync(
                BinaryData.FromObjectAsJson(article, Json),
                new BlobUploadOptions
                {
                    Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                    HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
                    Metadata = new Dictionary<string, string> { [CollectedAtMetadata] = collectedAt.ToString("O", CultureInfo.InvariantCulture) },
                },
                cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            isNew = false;
            var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);
            if (properties.Value.Metadata.TryGetValue(CollectedAtMetadata, out var stored)
                && DateTimeOffset.TryParse(stored, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var storedTime))
            {
                collectedAt = storedTime;
            }
        }

        var entry = new ArticleIndexEntry
        {
            PartitionKey = ArticleIndexEntry.DayKey(collectedAt),
            RowKey = article.Id,
            BlobName = blob.Name,
            Title = article.Title,
            CollectedAt = collectedAt,
            PublishedAt = article.PublishedAt,
            Tags = ";" + string.Join(';', article.Tags) + ";",
            Fingerprint = fingerprint is { } print ? unchecked((long)print) : null,
        };

        if (isNew)
        {
            await storage.ArticleIndex.UpsertEntityAsync(entry, cancellationToken: cancellationToken);
        }
        else
        {
            var existing = await storage.ArticleIndex.GetEntityIfExistsAsync<ArticleIndexEntry>(entry.PartitionKey, entry.RowKey, cancellationToken: cancellationToken);
            if (!existing.HasValue)
            {
                logger.LogInformation("Restored the missing index row of article {ArticleId}", article.Id);
                await storage.ArticleIndex.UpsertEntityAsync(entry, cancellationToken: cancellationToken);
            }
        }

        return isNew;
    }

    public async Task<(Article Article, ETag ETag)?> GetAsync(string blobName, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync();
        try
        {
            var content = await storage.Articles.GetBlobClient(blobName).DownloadContentAsync(cancellationToken);
            var article = content.Value.Content.ToObjectFromJson<Article>(Json)
                ?? throw new InvalidDataException($"Article blob {blobName} is empty.");
            return (article, content.Value.Details.ETag);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Replaces the document only if nobody changed it since it was read. False when someone did.</summary>
    public async Task<bool> ReplaceAsync(string blobName, Article article, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            await storage.Articles.GetBlobClient(blobName).UploadAsync(
                BinaryData.FromObjectAsJson(article, Json),
                new BlobUploadOptions
                {
                    Conditions = new BlobRequestConditions { IfMatch = etag },
                    HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
                    Metadata = new Dictionary<string, string> { [CollectedAtMetadata] = article.CollectedAt.ToString("O", CultureInfo.InvariantCulture) },
                },
                cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return false;
        }
    }

    /// <summary>
    /// Gives a stored article new tags: its document first (with its ETag; false when someone changed it since it was
    /// read, for the caller to read again), then its index row, which editions select by. A crash between the two is
    /// mended by the next re-tagging, which finds the document's tags and the row's apart.
    /// </summary>
    public async Task<bool> RetagAsync(ArticleIndexEntry row, Article article, ETag etag, IReadOnlyList<string> tags, CancellationToken cancellationToken)
    {
        if (!article.Tags.SequenceEqual(tags, StringComparer.Ordinal) && !await ReplaceAsync(row.BlobName, article with { Tags = tags }, etag, cancellationToken))
        {
            return false;
        }

        var indexed = ";" + string.Join(';', tags) + ";";
        if (row.Tags != indexed)
        {
            row.Tags = indexed;
            await storage.ArticleIndex.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Merge, cancellationToken);
        }

        return true;
    }

    /// <summary>Records another source of a stored story (a syndicated copy or near-duplicate); false when it was already recorded.</summary>
    public async Task<bool> AddSourceAsync(string blobName, ArticleSource source, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var stored = await GetAsync(blobName, cancellationToken);
            if (stored is null)
            {
                return false;
            }

            var (article, etag) = stored.Value;
            if (article.Sources.Any(s => s.Name == source.Name && s.Url == source.Url) || (article.Sources.Count == 0 && article.Source == source.Name && article.Url == source.Url))
            {
                return false;
            }

            var sources = article.Sources.Count == 0 ? [new ArticleSource(article.Source, article.Url)] : article.Sources.ToList();
            sources.Add(source);
            if (await ReplaceAsync(blobName, article with { Sources = sources }, etag, cancellationToken))
            {
                return true;
            }
        }

        throw new InvalidOperationException($"Article {blobName} kept changing while a source was added.");
    }

    /// <summary>Id, blob and fingerprint of every article collected since <paramref name="from"/> that has a fingerprint.</summary>
    public async Task<List<(string Id, string BlobName, ulong Fingerprint)>> ListFingerprintsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync();
        var rows = new List<(string, string, ulong)>();
        for (var day = from.UtcDateTime.Date; day <= to.UtcDateTime; day = day.AddDays(1))
        {
            var partition = ArticleIndexEntry.DayKey(day);
            await foreach (var row in storage.ArticleIndex.QueryAsync<ArticleIndexEntry>(e => e.PartitionKey == partition, select: ["RowKey", "BlobName", "Fingerprint"], cancellationToken: cancellationToken))
            {
                if (row.Fingerprint is { } print)
                {
                    rows.Add((row.RowKey, row.BlobName, unchecked((ulong)print)));
                }
            }
        }

        return rows;
    }

    /// <summary>Index rows of the articles collected in (from, to], oldest first: consecutive windows never share an article.</summary>
    public async Task<List<ArticleIndexEntry>> ListCollectedAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync();
        var rows = new List<ArticleIndexEntry>();
        for (var day = from.UtcDateTime.Date; day <= to.UtcDateTime; day = day.AddDays(1))
        {
            var partition = ArticleIndexEntry.DayKey(day);
            await foreach (var row in storage.ArticleIndex.QueryAsync<ArticleIndexEntry>(
                e => e.PartitionKey == partition && e.CollectedAt > from && e.CollectedAt <= to,
                cancellationToken: cancellationToken))
            {
                rows.Add(row);
            }
        }

        return [.. rows.OrderBy(r => r.CollectedAt).ThenBy(r => r.RowKey, StringComparer.Ordinal)];
    }
}
