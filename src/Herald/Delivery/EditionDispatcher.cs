using Herald.Configuration;
using Herald.Editions;
using Herald.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Herald.Delivery;

/// <summary>
/// The BuildDigests step, newsletter by newsletter — one failing never stops the others. For each: an earlier edition
/// that was built but not fully fanned out (its instance died part-way) is finished first; then today's edition is
/// built (or found) and fanned out to its subscribers; it is marked queued only when every batch is.
/// </summary>
public sealed class EditionDispatcher(
    IOptions<HeraldOptions> options,
    EditionBuilder builder,
    EditionStore editions,
    EditionFanOut fanOut,
    TimeProvider time,
    HeraldMetrics metrics,
    ILogger<EditionDispatcher> logger)
{
    public async Task<IReadOnlyList<EditionReport>> DispatchAllAsync(CancellationToken cancellationToken)
    {
        var reports = new List<EditionReport>();
        foreach (var newsletter in options.Value.Newsletters)
        {
            try
            {
                reports.Add(await DispatchAsync(newsletter, cancellationToken));
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                metrics.Edition(newsletter.Id, "failed");
                logger.LogError(ex, "The edition of {Newsletter} could not be built or queued; the next run tries again", newsletter.Id);
                reports.Add(new EditionReport(newsletter.Id, EditionBuilder.IdOf(newsletter, Today), EditionOutcome.Failed, 0, 0, 0, 0) { Error = ex.Message });
            }
        }

        return reports;
    }

    public async Task<EditionReport> DispatchAsync(NewsletterOptions newsletter, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginScope(LogScope.Of(newsletter.Id));
        var resumed = await FinishEarlierAsync(newsletter, cancellationToken);
        if (resumed is not null)
        {
            metrics.Edition(newsletter.Id, "resumed");
        }

        var edition = await builder.BuildAsync(newsletter, cancellationToken);
        if (edition is null)
        {
            metrics.Edition(newsletter.Id, "skipped");
            return new EditionReport(newsletter.Id, EditionBuilder.IdOf(newsletter, Today), EditionOutcome.NothingNew, 0, 0, 0, 0) { Resumed = resumed };
        }

        if (edition.Status == EditionStatus.Queued)
        {
            return new EditionReport(newsletter.Id, edition.Id, EditionOutcome.AlreadyQueued, edition.ArticleIds.Count, edition.Stories, edition.Recipients, edition.Batches) { Resumed = resumed };
        }

        var fanned = await QueueAsync(edition, cancellationToken);
        metrics.Edition(newsletter.Id, "built");
        return new EditionReport(newsletter.Id, edition.Id, fanned.Complete ? EditionOutcome.Queued : EditionOutcome.InProgress, edition.ArticleIds.Count, edition.Stories, fanned.Recipients, fanned.Batches) { Resumed = resumed };
    }

    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    /// <summary>The newsletter's latest edition, when it is from an earlier day and still not fully queued: queued now.</summary>
    private async Task<string?> FinishEarlierAsync(NewsletterOptions newsletter, CancellationToken cancellationToken)
    {
        var latest = await editions.GetLatestAsync(newsletter.Id, cancellationToken);
        if (latest is not { } pointer || pointer.Value.Date == Today
            || await editions.GetAsync(newsletter.Id, pointer.Value.Date, cancellationToken) is not { Value.Status: EditionStatus.Built } earlier)
        {
            return null;
        }

        logger.LogWarning("Edition {EditionId} was built but not fully queued; queuing the rest now", earlier.Value.Id);
        await QueueAsync(earlier.Value, cancellationToken);
        return earlier.Value.Id;
    }

    private async Task<FanOutReport> QueueAsync(Edition edition, CancellationToken cancellationToken)
    {
        var fanned = await fanOut.RunAsync(edition, cancellationToken);
        if (!fanned.Complete)
        {
            return fanned;
        }

        for (var attempt = 0; attempt < 5; attempt++)
        {
            var current = await editions.GetAsync(edition.NewsletterId, edition.Date, cancellationToken);
            if (current is not { } stored || stored.Value.Status == EditionStatus.Queued
                || await editions.TryReplaceAsync(stored.Value with { Status = EditionStatus.Queued, Recipients = fanned.Recipients, Batches = fanned.Batches, QueuedAt = time.GetUtcNow() }, stored.ETag, cancellationToken))
            {
                break;
            }
        }

        logger.LogInformation("Edition {EditionId} has {Articles} articles in {Stories} stories and is queued for {Recipients} subscribers in {Batches} batches", edition.Id, edition.ArticleIds.Count, edition.Stories, fanned.Recipients, fanned.Batches);
        return fanned;
    }
}
