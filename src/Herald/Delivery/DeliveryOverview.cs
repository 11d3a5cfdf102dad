using Herald.Storage;

namespace Herald.Delivery;

/// <summary>What "herald deliveries" shows: every edition's batches by state, with counts, from the delivery ledger.</summary>
public sealed class DeliveryOverview(DeliveryLedger ledger, HeraldStorage storage)
{
    public async Task<List<EditionDeliveries>> ListAsync(string? editionId, CancellationToken cancellationToken)
    {
        var fanOuts = await ledger.ListEditionsAsync(cancellationToken);
        var editions = new List<EditionDeliveries>();
        foreach (var fanOut in fanOuts.Where(f => editionId is null || f.PartitionKey == editionId))
        {
            editions.Add(Summarize(fanOut, await BatchesAsync(fanOut.PartitionKey, cancellationToken)));
        }

        return editions;
    }

    public async Task<List<BatchRecord>> BatchesAsync(string editionId, CancellationToken cancellationToken)
    {
        var batches = new List<BatchRecord>();
        await foreach (var batch in ledger.ListBatchesAsync(editionId, cancellationToken))
        {
            batches.Add(batch);
        }

        return batches;
    }

    /// <summary>Send messages the queue gave up on (maxDequeueCount attempts); "herald deliveries redrive" takes them back.</summary>
    public async Task<int> PoisonMessagesAsync(CancellationToken cancellationToken)
    {
        var poison = storage.SendPoisonQueue;
        return (await poison.ExistsAsync(cancellationToken)).Value ? (await poison.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount : 0;
    }

    private static EditionDeliveries Summarize(FanOutRecord fanOut, List<BatchRecord> batches) => new(
        fanOut.PartitionKey,
        fanOut.NewsletterId,
        fanOut.StartedAt,
        fanOut.Complete,
        fanOut.Recipients,
        batches.Count,
        batches.Count(b => b.Status == BatchState.Queued),
        batches.Count(b => b.Status == BatchState.Sending),
        batches.Count(b => b.Status == BatchState.Sent),
        batches.Count(b => b.Status == BatchState.Parked),
        batches.Sum(b => b.Sent),
        batches.Sum(b => b.Failed),
        batches.Sum(b => b.OptedOut),
        batches.Sum(b => b.Retries),
        batches.Sum(b => b.Resent));
}
