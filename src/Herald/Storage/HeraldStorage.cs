using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Herald.Storage;

/// <summary>Every container, queue and table Herald uses, created once per process on first use.</summary>
public sealed class HeraldStorage
{
    private readonly Lock _gate = new();
    private Task? _created;

    public HeraldStorage(IConfiguration configuration, IOptions<StorageOptions> options)
    {
        var connection = new StorageConnection(configuration.GetSection(StorageOptions.ConnectionName));
        var prefix = options.Value.NamePrefix;
        var blobs = connection.CreateBlobServiceClient();
        var queues = connection.CreateQueueServiceClient();
        var tables = connection.CreateTableServiceClient();

        Articles = blobs.GetBlobContainerClient(prefix + StorageNames.ArticlesContainer);
        Editions = blobs.GetBlobContainerClient(prefix + StorageNames.EditionsContainer);
        Summaries = blobs.GetBlobContainerClient(prefix + StorageNames.SummariesContainer);
        Batches = blobs.GetBlobContainerClient(prefix + StorageNames.BatchesContainer);
        SummarizeQueue = queues.GetQueueClient(prefix + StorageNames.SummarizeQueue);
        SendQueue = queues.GetQueueClient(prefix + StorageNames.SendQueue);
        SendPoisonQueue = queues.GetQueueClient(prefix + StorageNames.SendQueue + StorageNames.PoisonSuffix);
        SignUpQueue = queues.GetQueueClient(prefix + StorageNames.SignUpQueue);
        ArticleIndex = tables.GetTableClient(prefix + StorageNames.ArticleIndexTable);
        Subscribers = tables.GetTableClient(prefix + StorageNames.SubscribersTable);
        Deliveries = tables.GetTableClient(prefix + StorageNames.DeliveriesTable);
        FeedState = tables.GetTableClient(prefix + StorageNames.FeedStateTable);
        OptOuts = tables.GetTableClient(prefix + StorageNames.OptOutsTable);
        Suppressions = tables.GetTableClient(prefix + StorageNames.SuppressionsTable);
        Consents = tables.GetTableClient(prefix + StorageNames.ConsentsTable);
        ProviderEvents = tables.GetTableClient(prefix + StorageNames.ProviderEventsTable);
        Inbound = tables.GetTableClient(prefix + StorageNames.InboundTable);
        SignUpQuota = tables.GetTableClient(prefix + StorageNames.SignUpQuotaTable);

    }

    public BlobContainerClient Articles { get; }
    public BlobContainerClient Editions { get; }

    /// <summary>Model summaries cached by content hash.</summary>
    public BlobContainerClient Summaries { get; }
    /// <summary>Recipients of each send batch, snapshotted at fan-out.</summary>
    public BlobContainerClient Batches { get; }

    public QueueClient SummarizeQueue { get; }
    public QueueClient SendQueue { get; }

    /// <summary>Where the Functions host moves a send message that failed maxDequeueCount times; a redrive reads it.</summary>
    public QueueClient SendPoisonQueue { get; }

    public QueueClient SignUpQueue { get; }
    public TableClient ArticleIndex { get; }
    public TableClient Subscribers { get; }
    public TableClient Deliveries { get; }

    /// <summary>Per-feed validators and health.</summary>
    public TableClient FeedState { get; }

    /// <summary>Who stopped being an active subscriber of which newsletter, and when (partition: newsletter).</summary>
    public TableClient OptOuts { get; }

    /// <summary>Addresses that bounced or complained, by subscriber id (a hash, never the address); they outlive an erasure.</summary>
    public TableClient Suppressions { get; }

    /// <summary>Consent records: who asked for what, when, from which form, from a hash of which IP (partition: subscriber id).</summary>
    public TableClient Consents { get; }

    /// <summary>Provider webhook events already acted on, by a hash of their id, so a replayed request changes nothing.</summary>
    public TableClient ProviderEvents { get; }

    /// <summary>Inbound mail: what each message asked for (by day), the replies sent (one a day per address), the signatures seen.</summary>
    public TableClient Inbound { get; }

    /// <summary>Confirmation emails set off per client address (its keyed hash) per hour, shared by every instance.</summary>
    public TableClient SignUpQuota { get; }

    /// <summary>
    /// Creates what is missing. Safe to call from every function invocation: the work happens once per
    /// process, and again only after a failure (storage briefly unreachable must not poison the process).
    /// </summary>
    public Task EnsureCreatedAsync()
    {
        lock (_gate)
        {
            if (_created is null || _created.IsFaulted || _created.IsCanceled)
            {
                _created = CreateAllAsync();
            }

            return _created;
        }
    }

    private async Task CreateAllAsync()
    {
        await Task.WhenAll(
            Articles.CreateIfNotExistsAsync(),
            Editions.CreateIfNotExistsAsync(),
            Summaries.CreateIfNotExistsAsync(),
            Batches.CreateIfNotExistsAsync(),
            SummarizeQueue.CreateIfNotExistsAsync(),
            SendQueue.CreateIfNotExistsAsync(),
            SignUpQueue.CreateIfNotExistsAsync(),
            ArticleIndex.CreateIfNotExistsAsync(),
            Subscribers.CreateIfNotExistsAsync(),
            Deliveries.CreateIfNotExistsAsync(),
            FeedState.CreateIfNotExistsAsync(),
            OptOuts.CreateIfNotExistsAsync(),
            Suppressions.CreateIfNotExistsAsync(),
            Consents.CreateIfNotExistsAsync(),
            ProviderEvents.CreateIfNotExistsAsync(),
            Inbound.CreateIfNotExistsAsync(),
            SignUpQuota.CreateIfNotExistsAsync());
    }
}
