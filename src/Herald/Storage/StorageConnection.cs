using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace Herald.Storage;

/// <summary>
/// Reads the "HeraldStorage" connection in the two shapes the Functions host understands: a connection
/// string as the setting's value, or "blobServiceUri"/"queueServiceUri"/"tableServiceUri" children used
/// with a managed identity ("clientId" picks a user-assigned one).
/// </summary>
public sealed class StorageConnection
{
    private static readonly string[] ServiceUriKeys = ["blobServiceUri", "queueServiceUri", "tableServiceUri"];

    private readonly string? _connectionString;
    private readonly Uri? _blobUri;
    private readonly Uri? _queueUri;
    private readonly Uri? _tableUri;
    private readonly TokenCredential? _credential;

    public StorageConnection(IConfigurationSection section)
    {
        var problem = Describe(section);
        if (problem is not null)
        {
            throw new InvalidOperationException($"{section.Path}: {problem}");
        }

        if (!string.IsNullOrWhiteSpace(section.Value))
        {
            _connectionString = section.Value;
            return;
        }

        _blobUri = new Uri(section["blobServiceUri"]!);
        _queueUri = new Uri(section["queueServiceUri"]!);
        _tableUri = new Uri(section["tableServiceUri"]!);
        var clientId = section["clientId"];
        _credential = string.IsNullOrWhiteSpace(clientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
    }

    /// <summary>Null when the section is usable, else what is wrong with it (never echoing a secret).</summary>
    public static string? Describe(IConfigurationSection section)
    {
        if (!string.IsNullOrWhiteSpace(section.Value))
        {
            var value = section.Value.Trim();
            if (value.Equals("UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase)
                || value.Contains("AccountName=", StringComparison.OrdinalIgnoreCase)
                || value.Contains("BlobEndpoint=", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            return "the value is not a storage connection string (expected UseDevelopmentStorage=true or AccountName=...;AccountKey=...).";
        }

        var missing = ServiceUriKeys
            .Where(key => !Uri.TryCreate(section[key], UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps && !uri.IsLoopback)
            .ToList();
        if (missing.Count == 3)
        {
            return "the setting is missing; set it to a connection string (\"UseDevelopmentStorage=true\" locally) or set HeraldStorage__blobServiceUri, __queueServiceUri and __tableServiceUri.";
        }

        return missing.Count == 0 ? null : $"{string.Join(", ", missing)} missing or not an https address.";
    }

    public BlobServiceClient CreateBlobServiceClient() =>
        _connectionString is not null ? new BlobServiceClient(_connectionString) : new BlobServiceClient(_blobUri, _credential);

    /// <summary>Base64 message bodies: what the Functions queue trigger expects by default.</summary>
    public QueueServiceClient CreateQueueServiceClient()
    {
        var options = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        return _connectionString is not null ? new QueueServiceClient(_connectionString, options) : new QueueServiceClient(_queueUri, _credential, options);
    }

    public TableServiceClient CreateTableServiceClient() =>
        _connectionString is not null ? new TableServiceClient(_connectionString) : new TableServiceClient(_tableUri, _credential);
}
