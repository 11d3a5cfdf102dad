using Herald.Configuration;
using Herald.Editions.Scheduling;
using Herald.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Herald.Editions;

/// <summary>
/// The BuildDigests step, newsletter by newsletter — one failing never stops the others. BuildDigests wakes often
/// (%DigestSchedule%, every few minutes); each newsletter has its own schedule in its own time zone, and each wake
/// builds the slots that have come since the newsletter's last one, oldest first: a slot missed while the app was
/// down is built late, once. An earlier edition built but not fully fanned out (its instance died part-way) is
/// finished first. Two instances waking together build a slot once (the edition blob is created once).
/// </summary>
public sealed class EditionDispatcher(
    IOptions<HeraldOptions> options,
    EditionBuilder builder,
    EditionStore editions,
    IEditionFanOut fanOut,
    TimeProvider time,
    HeraldMetrics metrics,
    ILogger<EditionDispatcher> logger)
{
    /// <summary>How far back a newsletter's first wake looks for a slot to build.</summary>
    public static readonly TimeSpan FirstLookBack = TimeSpan.FromDays(1);

    /// <summary>Most slots one wake builds for a newsletter (the latest ones) after a long outage.</summary>
    public const int MaxLateSlots = 24;

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
                reports.Add(new EditionReport(newsletter.Id, "", EditionOutcome.Failed, 0, 0, 0, 0) { Error = ex.Message });
            }
        }

        return reports;
    }

    /// <summary>Builds and queues the newsletter's due slots; the report is the latest slot's (or, when none is due, the last edition's).</summary>
    public async Task<EditionReport> DispatchAsync(NewsletterOptions newsletter, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginScope(LogScope.Of(newsletter.Id));
        var schedule = NewsletterSchedule.For(newsletter);
        var latest = (await editions.GetLatestAsync(newsletter.Id, cancellationToken))?.Value;
        var resumed = await FinishEarlierAsync(newsletter.Id, latest, cancellationToken);
        if (resumed is not null)
        {
            metrics.Edition(newsletter.Id, "resumed");
        }

        var now = time.GetUtcNow();
        var due = DueSlots(schedule, latest?.SlotAt, now);
        if (due.Count > 1)
        {
            logger.LogWarning("{Newsletter}: {Count} slots came while no run did ({First} to {Last}); building each now", newsletter.Id, due.Count, due[0].Key, due[^1].Key);
        }

        // After a run with the clock moved forward (herald --now), the last slot handled may still be ahead of this
        // clock: the next slot is the first after both, and nothing is due until the clock passes it.
        var next = schedule.Next(latest is { } handled && handled.SlotAt > now ? handled.SlotAt : now);
        EditionReport? report = null;
        foreach (var slot in due)
        {
            var edition = await builder.BuildAsync(newsletter, slot, cancellationToken);
            report = await DispatchEditionAsync(newsletter, edition, cancellationToken);
            if (report.Outcome == EditionOutcome.InProgress)
            {
                break; // another instance is fanning this one out; later slots wait for the next wake
            }
        }

        if (report is null && latest is not null && (await editions.GetAsync(newsletter.Id, latest.Slot, cancellationToken))?.Value is { } last)
        {
            report = Report(last, last.Status == EditionStatus.Skipped ? EditionOutcome.NothingNew : EditionOutcome.AlreadyQueued);
        }

        return (report ?? new EditionReport(newsletter.Id, next?.IdFor(newsletter.Id) ?? "", EditionOutcome.NotDue, 0, 0, 0, 0)) with
        {
            Resumed = resumed,
            LateSlots = Math.Max(0, due.Count - 1),
            NextSlot = next is null ? null : $"{next.Local:yyyy-MM-dd HH:mm} {newsletter.TimeZone}",
        };
    }

    /// <summary>
    /// The slots to build now: those after the newsletter's last handled slot up to <paramref name="now"/>, oldest first
    /// (at most <see cref="MaxLateSlots"/>); for a newsletter that never had one, the latest slot of the last day.
    /// </summary>
    public static IReadOnlyList<EditionSlot> DueSlots(NewsletterSchedule schedule, DateTimeOffset? lastSlotAt, DateTimeOffset now) =>
        lastSlotAt is { } last
            ? last >= now ? [] : schedule.Between(last, now, MaxLateSlots) // a last slot ahead of the clock: scheduled, not due
            : schedule.Latest(now - FirstLookBack, now) is { } first ? [first] : [];

    private async Task<EditionReport> DispatchEditionAsync(NewsletterOptions newsletter, Edition edition, CancellationToken cancellationToken)
    {
        switch (edition.Status)
        {
            case EditionStatus.Skipped:
                metrics.Edition(newsletter.Id, "skipped");
                return Report(edition, EditionOutcome.NothingNew);
            case EditionStatus.Queued:
                return Report(edition, EditionOutcome.AlreadyQueued);
        }

        var fanned = await QueueAsync(edition, cancellationToken);
        metrics.Edition(newsletter.Id, "built");
        return new EditionReport(newsletter.Id, edition.Id, fanned.Complete ? EditionOutcome.Queued : EditionOutcome.InProgress, edition.ArticleIds.Count, edition.Stories, fanned.Recipients, fanned.Batches) { Slot = edition.Slot };
    }

    private static EditionReport Report(Edition edition, EditionOutcome outcome) =>
        new(edition.NewsletterId, edition.Id, outcome, edition.ArticleIds.Count, edition.Stories, edition.Recipients, edition.Batches) { Slot = edition.Slot };

    /// <summary>The newsletter's latest edition, when it was built but is still not fully queued: queued now.</summary>
    private async Task<string?> FinishEarlierAsync(string newsletterId, EditionPointer? latest, CancellationToken cancellationToken)
    {
        if (latest is null
            || await editions.GetAsync(newsletterId, latest.Slot, cancellationToken) is not { Value.Status: EditionStatus.Built } earlier)
        {
            return null;
        }

        logger.LogWarning("Edition {EditionId} was built but not fully queued; queuing the rest now", earlier.Value.Id);
        await QueueAsync(earlier.Value, cancellationToken);
        return earlier.Value.Id;
    }

    private async Task<FanOutProgress> QueueAsync(Edition edition, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginScope(LogScope.Of(edition.NewsletterId, edition.Id));
        var fanned = await fanOut.RunAsync(edition, cancellationToken);
        if (!fanned.Complete)
        {
            return fanned;
        }

        for (var attempt = 0; attempt < 5; attempt++)
        {
            var current = await editions.GetAsync(edition.NewsletterId, edition.Slot, cancellationToken);
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
