using Herald.Queues;
using Herald.Storage;
using Microsoft.Extensions.Logging;

namespace Herald.Delivery;

/// <summary>
/// Sends again what was held back: parked batches, batches whose sender died with nothing left to retry them, and
/// batch messages the queue moved to its poison queue. Each is queued from where its progress stands, so nobody it
/// already reached is sent to again.
/// </summary>
public sealed class DeliveryRedrive(DeliveryLedger ledger, SendQueue sendQueue, HeraldStorage storage, TimeProvider time, ILogger<DeliveryRedrive> logger)
{
    public async Task<RedriveReport> RedriveAsync(string? editionId, CancellationToken cancellationToken)
    {
        var poison = await DrainPoisonAsync(cancellationToken);
        var editionIds = editionId is not null ? [editionId] : (await ledger.ListEditionsAsync(cancellationToken)).Select(e => e.PartitionKey).ToList();
        int batches = 0, recipients = 0;
        foreach (var id in editionIds)
        {
            await foreach (var batch in ledger.ListBatchesAsync(id, cancellationToken))
            {
                var stuck = batch.Status == BatchState.Sending && (batch.ClaimedUntil is null || batch.ClaimedUntil < time.GetUtcNow());
                if (batch.Status != BatchState.Parked && !stuck && !poison.Contains((id, batch.Batch)))
                {
                    continue;
                }

                batch.State = nameof(BatchState.Queued);
                batch.ParkReason = null;
                if (!await ledger.TryUpdateAsync(batch, cancellationToken))
                {
                    continue; // a sender is at it right now
                }

                await sendQueue.EnqueueAsync(new SendBatch(batch.NewsletterId, batch.EditionSlot, id, batch.Batch), cancellationToken);
                batches++;
                recipients += batch.Recipients - batch.Progress;
                logger.LogInformation("Batch {Batch} of {EditionId} queued again from recipient {Progress} of {Recipients}", batch.Batch, id, batch.Progress, batch.Recipients);
            }
        }

        return new RedriveReport(batches, recipients, poison.Count);
    }

    /// <summary>Batch messages in the poison queue: removed from it, and their batches redriven.</summary>
    private async Task<HashSet<(string EditionId, int Batch)>> DrainPoisonAsync(CancellationToken cancellationToken)
    {
        var found = new HashSet<(string, int)>();
        var poison = storage.SendPoisonQueue;
        if (!(await poison.ExistsAsync(cancellationToken)).Value)
        {
            return found;
        }

        while (true)
        {
            var messages = (await poison.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1), cancellationToken)).Value;
            if (messages.Length == 0)
            {
                return found;
            }

            foreach (var message in messages)
            {
                try
                {
                    var batch = SendQueue.Parse(message.Body.ToString());
                    found.Add((batch.EditionId, batch.Batch));
                }
                catch (InvalidDataException ex)
                {
                    logger.LogWarning("Dropped an unreadable poison message {MessageId}: {Error}", message.MessageId, ex.Message);
                }

                await poison.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
            }
        }
    }
}
