using Herald.Delivery;
using Herald.Queues;
using Herald.Storage;
using Microsoft.Azure.Functions.Worker;

namespace Herald.Functions.Queues;

/// <summary>Sends one batch of an edition; many instances run these in parallel. The ledger makes a retry resume where the last attempt stopped.</summary>
public sealed class SendDigestBatch(BatchSender sender)
{
    [Function(nameof(SendDigestBatch))]
    public Task<BatchReport> Run([QueueTrigger(StorageNames.SendQueue, Connection = "HeraldStorage")] string message, CancellationToken cancellationToken) =>
        sender.SendAsync(SendQueue.Parse(message), cancellationToken);
}
