using Herald.Configuration;
using Herald.Editions;
using Herald.Queues;
using Herald.Subscribers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Herald.Delivery;

/// <summary>
/// The BuildDigests step: builds each newsletter's edition of the day and queues its active subscribers in send
/// batches. Every step can be repeated: the edition is stored once, and it is marked queued only after its last
/// batch is queued, so a crash in between queues the batches again (and the ledger then skips who already has it).
/// </summary>
public sealed class EditionDispatcher(
    IOptions<HeraldOptions> options,
    EditionBuilder builder,
    EditionStore editions,
    SubscriberStore subscribers,
    SendQueue sendQueue,
    IOptions<DeliveryOptions> delivery,
    TimeProvider time,
    ILogger<EditionDispatcher> logger)
{
    public async Task<IReadOnlyList<EditionReport>> DispatchAllAsync(CancellationToken cancellationToken)
    {
        var reports = new List<EditionReport>();
        foreach (var newsletter in options.Value.Newsletters)
        {
            reports.Add(await DispatchAsync(newsletter, cancellationToken));
        }

        return reports;
    }

    public async Task<EditionReport> DispatchAsync(NewsletterOptions newsletter, CancellationToken cancellationToken)
    {
        var edition = await builder.BuildAsync(newsletter, cancellationToken);
        if (edition is null)
        {
            var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
            return new EditionReport(newsletter.Id, EditionBuilder.IdOf(newsletter, today), EditionOutcome.NothingNew, 0, 0, 0, 0);
        }

        if (edition.Status == EditionStatus.Queued)
        {
            return new EditionReport(newsletter.Id, edition.Id, EditionOutcome.AlreadyQueued, edition.ArticleIds.Count, edition.Stories, edition.Recipients, edition.Batches);
        }

        var (recipients, batches) = await QueueBatchesAsync(newsletter, edition, cancellationToken);
        var current = await editions.GetAsync(newsletter.Id, edition.Date, cancellationToken);
        if (current is { } latest && latest.Value.Status != EditionStatus.Queued)
        {
            await editions.TryReplaceAsync(latest.Value with { Status = EditionStatus.Queued, Recipients = recipients, Batches = batches, QueuedAt = time.GetUtcNow() }, latest.ETag, cancellationToken);
        }

        logger.LogInformation("Edition {EditionId} has {Articles} articles in {Stories} stories and is queued for {Recipients} subscribers in {Batches} batches", edition.Id, edition.ArticleIds.Count, edition.Stories, recipients, batches);
        return new EditionReport(newsletter.Id, edition.Id, EditionOutcome.Queued, edition.ArticleIds.Count, edition.Stories, recipients, batches);
    }

    private async Task<(int Recipients, int Batches)> QueueBatchesAsync(NewsletterOptions newsletter, Edition edition, CancellationToken cancellationToken)
    {
        var size = delivery.Value.BatchSize;
        var batch = new List<string>(size);
        int recipients = 0, batches = 0;
        await foreach (var subscriber in subscribers.ListAsync(newsletter.Id, SubscriberStatus.Active, cancellationToken))
        {
            batch.Add(subscriber.Id);
            recipients++;
            if (batch.Count == size)
            {
                await sendQueue.EnqueueAsync(new SendBatch(newsletter.Id, edition.Date, edition.Id, [.. batch]), cancellationToken);
                batches++;
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            await sendQueue.EnqueueAsync(new SendBatch(newsletter.Id, edition.Date, edition.Id, [.. batch]), cancellationToken);
            batches++;
        }

        return (recipients, batches);
    }
}
