using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Storage.Blobs.Models;
using Herald.Articles;
using Herald.Storage;

namespace Herald.Summarizing.Chat;

/// <summary>
/// Model summaries by content hash (prompt version, deployment, title and text), so the same text — a re-run, a
/// syndicated copy — is paid for once. Kept in the "summaries" container; a cache that fails is only slower.
/// </summary>
public sealed class ChatSummaryCache(HeraldStorage storage)
{
    public static string Key(string deployment, string title, string text) =>
        ChatPrompt.Version + "/" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{deployment}\n{title}\n{text}"))) + ".json";

    public async Task<ArticleSummary?> GetAsync(string key, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync();
        try
        {
            var content = await storage.Summaries.GetBlobClient(key).DownloadContentAsync(cancellationToken);
            return content.Value.Content.ToObjectFromJson<ArticleSummary>(ArticleStore.Json);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public async Task SetAsync(string key, ArticleSummary summary, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync();
        try
        {
            await storage.Summaries.GetBlobClient(key).UploadAsync(
                BinaryData.FromObjectAsJson(summary, ArticleStore.Json),
                new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } },
                cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // Someone cached the same text first; theirs is as good.
        }
    }
}
