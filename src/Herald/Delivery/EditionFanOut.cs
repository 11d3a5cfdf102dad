using Herald.Editions;
using Herald.Mail;
using Herald.Subscribers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Herald.Delivery;

/// <summary>
/// Turns an edition's active subscribers into send batches: reads the subscriber partitions in id order (several at a
/// time), cuts every Delivery:BatchSize recipients into a batch, and for each writes its recipient list (create-only),
/// records it in the ledger, queues a small message naming it, and records how far it got. Interrupted at any line,
/// it resumes after the last batch it recorded; run twice at once, the second finds the first's batches and stops.
/// For a newsletter delivered in each reader's morning, each batch's list is put in release order and gets one message
/// per release time in it, each made visible on the queue at that time.
/// </summary>
public sealed class EditionFanOut(
    SubscriberStore subscribers,
    DeliveryLedger ledger,
    BatchCutter cutter,
    IOptions<DeliveryOptions> options,
    TimeProvider time,
    ILogger<EditionFanOut> logger) : IEditionFanOut
{
    /// <summary>
    /// Opt-outs this long before a fan-out started still count against its batches: an opt-out writes its log entry a
    /// moment before the subscriber row, and a read between the two would otherwise miss it.
    /// </summary>
    private static readonly TimeSpan SnapshotMargin = TimeSpan.FromMinutes(5);

    public async Task<FanOutProgress> RunAsync(Edition edition, CancellationToken cancellationToken)
    {
        while (true)
        {
            var state = await ledger.GetOrStartFanOutAsync(edition.Id, edition.NewsletterId, time.GetUtcNow(), cancellationToken);
            if (state.Complete)
            {
                return new FanOutProgress(state.Recipients, state.Batches, true);
            }

            switch (await ContinueAsync(edition, state, cancellationToken))
            {
                case FanOutStep.Done:
                    state.Complete = true;
                    state.CompletedAt = time.GetUtcNow();
                    if (await ledger.TryUpdateAsync(state, cancellationToken))
                    {
                        logger.LogInformation("Edition {EditionId} fanned out to {Recipients} subscribers in {Batches} batches", edition.Id, state.Recipients, state.Batches);
                        return new FanOutProgress(state.Recipients, state.Batches, true);
                    }

                    break;
                case FanOutStep.Restart:
                    break;
                default:
                    if (await IsAdvancingAsync(edition.Id, cancellationToken))
                    {
                        logger.LogInformation("Another instance is fanning out edition {EditionId}; leaving it to them", edition.Id);
                        return new FanOutProgress(state.Recipients, state.Batches, false);
                    }

                    // Finished, or the other write was a dead run's last word landing late: read the record again and go on.
                    logger.LogInformation("Edition {EditionId}: the fan-out record changed under us and is not moving; reading it again", edition.Id);
                    break;
            }
        }
    }

    /// <summary>How long a fan-out that lost a write waits to see whether the other writer is alive and cutting batches.</summary>
    private static readonly TimeSpan ContentionWait = TimeSpan.FromSeconds(3);

    /// <summary>
    /// True when another fan-out of the edition is alive and unfinished: its record moves on within <see cref="ContentionWait"/>. A
    /// request of an interrupted run can reach storage after a new run has read the record, and that one write must not
    /// make the new run give up (the rest of the edition would wait for the next day's timer).
    /// </summary>
    private async Task<bool> IsAdvancingAsync(string editionId, CancellationToken cancellationToken)
    {
        var before = await ledger.GetFanOutAsync(editionId, cancellationToken);
        await Task.Delay(ContentionWait, cancellationToken); // real time: the other writer's pace, whatever clock this run keeps
        var after = await ledger.GetFanOutAsync(editionId, cancellationToken);
        return after is { Complete: false } && after.Batches != before?.Batches;
    }

    private async Task<FanOutStep> ContinueAsync(Edition edition, FanOutRecord state, CancellationToken cancellationToken)
    {
        var snapshotAt = time.GetUtcNow() - SnapshotMargin;
        var size = options.Value.BatchSize;
        var batch = new List<Recipient>(size);
        await foreach (var recipient in ReadInOrderAsync(edition.NewsletterId, state.LastId, cancellationToken))
        {
            batch.Add(recipient);
            if (batch.Count == size)
            {
                var cut = await cutter.CutAsync(edition, state, batch, snapshotAt, cancellationToken);
                if (cut != FanOutStep.Done)
                {
                    return cut;
                }

                batch.Clear();
            }
        }

        return batch.Count == 0 ? FanOutStep.Done : await cutter.CutAsync(edition, state, batch, snapshotAt, cancellationToken);
    }

    /// <summary>
    /// The newsletter's active subscribers after <paramref name="afterId"/>, in id order: the partitions hold ids by
    /// their first two hex digits, so reading them in order and each in id order gives the ids in order. Up to
    /// Delivery:FanOutParallelism partitions are read ahead.
    /// </summary>
    private async IAsyncEnumerable<Recipient> ReadInOrderAsync(string newsletterId, string? afterId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var firstShard = afterId is null ? SubscriberStore.AllShards[0] : SubscriberStore.ShardOf(afterId);
        var shards = SubscriberStore.AllShards.Where(s => string.CompareOrdinal(s, firstShard) >= 0).ToList();
        var reads = new Queue<Task<List<Recipient>>>();
        var next = 0;
        while (next < shards.Count || reads.Count > 0)
        {
            while (reads.Count < options.Value.FanOutParallelism && next < shards.Count)
            {
                var shard = shards[next++];
                reads.Enqueue(ReadShardAsync(newsletterId, shard, shard == firstShard ? afterId : null, cancellationToken));
            }

            foreach (var recipient in await reads.Dequeue())
            {
                yield return recipient;
            }
        }
    }

    private async Task<List<Recipient>> ReadShardAsync(string newsletterId, string shard, string? afterId, CancellationToken cancellationToken)
    {
        var recipients = new List<Recipient>();
        await foreach (var recipient in subscribers.ReadActiveAsync(newsletterId, shard, afterId, cancellationToken))
        {
            recipients.Add(recipient);
        }

        return recipients;
    }
}
