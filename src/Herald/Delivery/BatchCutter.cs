using Herald.Configuration;
using Herald.Editions;
using Herald.Editions.Scheduling;
using Herald.Queues;
using Herald.Subscribers;
using Microsoft.Extensions.Options;

namespace Herald.Delivery;

/// <summary>
/// Cuts one send batch of an edition's fan-out: writes its recipient list once (create-only; a list an interrupted run
/// wrote is adopted as the batch, whatever was read since), records it in the ledger, queues a message naming it (one
/// per release time for a newsletter delivered in each reader's morning, each visible at its time), and records how
/// far the fan-out got.
/// </summary>
public sealed class BatchCutter(IOptions<HeraldOptions> herald, DeliveryLedger ledger, BatchRecipients lists, SendQueue sendQueue, TimeProvider time)
{
    /// <summary>Records the next batch. Done when it is ours; Restart when an earlier, interrupted run had cut it already.</summary>
    public async Task<FanOutStep> CutAsync(Edition edition, FanOutRecord state, List<Recipient> recipients, DateTimeOffset snapshotAt, CancellationToken cancellationToken)
    {
        var number = state.Batches + 1;
        recipients = InReleaseOrder(edition, recipients);
        var record = new BatchRecord
        {
            PartitionKey = edition.Id,
            RowKey = BatchRecord.KeyOf(number),
            NewsletterId = edition.NewsletterId,
            Batch = number,
            EditionSlot = edition.Slot,
            Recipients = recipients.Count,
            FirstId = LowestId(recipients),
            LastId = HighestId(recipients),
            SnapshotAt = snapshotAt,
        };

        var adopted = false;
        if (!await lists.TryCreateAsync(edition.Id, number, recipients, cancellationToken))
        {
            // Written by an interrupted run (or one running now): that list is the batch, whatever we read since.
            var existing = await lists.ReadAsync(edition.Id, number, cancellationToken) ?? [];
            var recorded = await ledger.GetBatchAsync(edition.Id, number, cancellationToken);
            if (existing.Count == 0)
            {
                throw new InvalidOperationException($"Batch {number} of edition {edition.Id} has an empty recipient list.");
            }

            record.Recipients = existing.Count;
            record.FirstId = LowestId(existing);
            record.LastId = HighestId(existing);
            recipients = existing;
            record.SnapshotAt = recorded?.SnapshotAt ?? snapshotAt;
            adopted = true;
        }

        await ledger.TryAddBatchAsync(record, cancellationToken);
        foreach (var release in recipients.Select(r => r.ReleaseAt).Distinct())
        {
            var wait = release - time.GetUtcNow();
            await sendQueue.EnqueueAsync(new SendBatch(edition.NewsletterId, edition.Slot, edition.Id, number, release), cancellationToken, wait);
        }

        state.Batches = number;
        state.Recipients += record.Recipients;
        state.LastId = record.LastId;
        if (!await ledger.TryUpdateAsync(state, cancellationToken))
        {
            return FanOutStep.Contended;
        }

        return adopted ? FanOutStep.Restart : FanOutStep.Done;
    }

    /// <summary>
    /// The batch as it is written down: in id order; for a newsletter delivered in each reader's morning, each
    /// recipient with their release time and the list in release order (ids in order within one release).
    /// </summary>
    private List<Recipient> InReleaseOrder(Edition edition, List<Recipient> recipients)
    {
        var newsletter = herald.Value.Newsletters.FirstOrDefault(n => n.Id == edition.NewsletterId);
        if (newsletter is null || !ReaderMorning.Applies(newsletter))
        {
            return recipients;
        }

        return [.. recipients
            .Select(r => r with { ReleaseAt = ReaderMorning.ReleaseAt(newsletter, edition.SlotAt, r.TimeZone) })
            .OrderBy(r => r.ReleaseAt)
            .ThenBy(r => r.Id, StringComparer.Ordinal)];
    }

    private static string LowestId(List<Recipient> recipients) => recipients.Select(r => r.Id).Min(StringComparer.Ordinal)!;

    private static string HighestId(List<Recipient> recipients) => recipients.Select(r => r.Id).Max(StringComparer.Ordinal)!;
}
