using System.Text.Json;
using Azure;
using Azure.Storage.Blobs.Models;
using Herald.Editions.Scheduling;
using Herald.Storage;

namespace Herald.Editions;

/// <summary>
/// Editions ("{newsletter}/{slot}.json") and each newsletter's "latest" pointer in Blob storage, written with ETag
/// conditions. Anyone may read them; only Editions writes them (the write methods are internal to the feature).
/// </summary>
public sealed class EditionStore(HeraldStorage storage)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string BlobName(string newsletterId, string slot) => $"{newsletterId}/{slot}.json";

    public Task<(Edition Value, ETag ETag)?> GetAsync(string newsletterId, string slot, CancellationToken cancellationToken) =>
        ReadAsync<Edition>(BlobName(newsletterId, slot), cancellationToken);

    /// <summary>The slots of a newsletter's stored editions, newest first (skipped slots included).</summary>
    public async Task<List<string>> ListSlotsAsync(string newsletterId, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync();
        var slots = new List<string>();
        await foreach (var blob in storage.Editions.GetBlobsAsync(new GetBlobsOptions { Prefix = newsletterId + "/" }, cancellationToken))
        {
            var slot = Path.GetFileNameWithoutExtension(blob.Name[(newsletterId.Length + 1)..]);
            if (EditionSlot.IsKey(slot))
            {
                slots.Add(slot);
            }
        }

        return [.. slots.OrderDescending(StringComparer.Ordinal)];
    }

    public Task<(EditionPointer Value, ETag ETag)?> GetLatestAsync(string newsletterId, CancellationToken cancellationToken) =>
        ReadAsync<EditionPointer>($"{newsletterId}/latest.json", cancellationToken);

    /// <summary>The newsletter's editions that went out (skipped slots left out), newest first, at most <paramref name="count"/>.</summary>
    public async Task<List<Edition>> ListPublishedAsync(string newsletterId, int count, CancellationToken cancellationToken)
    {
        var published = new List<Edition>();
        foreach (var slot in await ListSlotsAsync(newsletterId, cancellationToken))
        {
            if (published.Count >= count)
            {
                break;
            }

            if ((await GetAsync(newsletterId, slot, cancellationToken))?.Value is { Status: not EditionStatus.Skipped } edition)
            {
                published.Add(edition);
            }
        }

        return published;
    }

    /// <summary>Stores a new edition; false when that slot's edition already exists.</summary>
    internal Task<bool> TryCreateAsync(Edition edition, CancellationToken cancellationToken) =>
        WriteAsync(BlobName(edition.NewsletterId, edition.Slot), edition, new BlobRequestConditions { IfNoneMatch = ETag.All }, cancellationToken);

    internal Task<bool> TryReplaceAsync(Edition edition, ETag etag, CancellationToken cancellationToken) =>
        WriteAsync(BlobName(edition.NewsletterId, edition.Slot), edition, new BlobRequestConditions { IfMatch = etag }, cancellationToken);

    /// <summary>Moves the pointer forward only: an older edition finishing late never rewinds it.</summary>
    internal async Task AdvanceLatestAsync(string newsletterId, EditionPointer pointer, CancellationToken cancellationToken)
    {
        var current = await GetLatestAsync(newsletterId, cancellationToken);
        if (current is { } existing && existing.Value.SlotAt >= pointer.SlotAt)
        {
            return;
        }

        var conditions = current is null ? new BlobRequestConditions { IfNoneMatch = ETag.All } : new BlobRequestConditions { IfMatch = current.Value.ETag };
        await WriteAsync($"{newsletterId}/latest.json", pointer, conditions, cancellationToken);
    }

    private async Task<(T Value, ETag ETag)?> ReadAsync<T>(string name, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync();
        try
        {
            var content = await storage.Editions.GetBlobClient(name).DownloadContentAsync(cancellationToken);
            var value = content.Value.Content.ToObjectFromJson<T>(Json) ?? throw new InvalidDataException($"Edition blob {name} is empty.");
            return (value, content.Value.Details.ETag);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    private async Task<bool> WriteAsync<T>(string name, T value, BlobRequestConditions conditions, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync();
        try
        {
            await storage.Editions.GetBlobClient(name).UploadAsync(
                BinaryData.FromObjectAsJson(value, Json),
                new BlobUploadOptions { Conditions = conditions, HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } },
                cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return false;
        }
    }
}
