using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs.Models;
using Herald.Storage;
using Herald.Subscribers;

namespace Herald.Delivery;

/// <summary>
/// Each send batch's recipients, written once when the edition fans out ("batches/{edition}/{batch}.json"), so
/// sending reads one small blob per thousand recipients instead of the subscriber table; deleted once the batch is
/// sent. The list never changes after it is written: a batch's progress is a position in it. In a newsletter delivered
/// in each reader's morning the list is in release order, so what may go by any moment is a prefix of it.
/// </summary>
public sealed class BatchRecipients(HeraldStorage storage)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    public static string BlobName(string editionId, int batch) => $"{editionId}/{batch.ToString("D6", CultureInfo.InvariantCulture)}.json";

    /// <summary>Writes the list unless one is there already; false (nothing written) when it is.</summary>
    public async Task<bool> TryCreateAsync(string editionId, int batch, IReadOnlyList<Recipient> recipients, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync();
        try
        {
            await storage.Batches.GetBlobClient(BlobName(editionId, batch)).UploadAsync(
                BinaryData.FromObjectAsJson(recipients, Json),
                new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All }, HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } },
                cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return false;
        }
    }

    /// <summary>Replaces a list (a redrive re-reads a parked batch's recipients).</summary>
    public async Task ReplaceAsync(string editionId, int batch, IReadOnlyList<Recipient> recipients, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync();
        await storage.Batches.GetBlobClient(BlobName(editionId, batch)).UploadAsync(BinaryData.FromObjectAsJson(recipients, Json), overwrite: true, cancellationToken);
    }

    public async Task<List<Recipient>?> ReadAsync(string editionId, int batch, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync();
        try
        {
            var content = await storage.Batches.GetBlobClient(BlobName(editionId, batch)).DownloadContentAsync(cancellationToken);
            return content.Value.Content.ToObjectFromJson<List<Recipient>>(Json);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public async Task DeleteAsync(string editionId, int batch, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync();
        await storage.Batches.GetBlobClient(BlobName(editionId, batch)).DeleteIfExistsAsync(cancellationToken: cancellationToken);
    }
}
