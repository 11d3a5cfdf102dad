using System.Collections.Concurrent;
using Herald.Configuration;
using Herald.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Herald.Collecting;

/// <summary>
/// Reads one source and files its new items, keeping what the source taught in its feed state: the validators, the
/// items seen, the lines its site repeats, and its failures in a row. A failure is logged with its reason and never
/// escapes (the run goes on with the other sources); its validators are not advanced, so the next run tries again.
/// </summary>
public sealed class SourceCollector(
    FeedStateStore feedStates,
    FeedFetcher feeds,
    PageCompleter pages,
    ArticleFiler filer,
    IOptions<CollectingOptions> options,
    TimeProvider time,
    ILogger<SourceCollector> logger)
{
    public async Task<SourceReport> CollectAsync(FeedSourceOptions source, NearDuplicateSet recent, CollectTimings timings, CancellationToken runCancellation, CancellationToken cancellationToken)
    {
        var state = await feedStates.GetAsync(FeedFetcher.SourceKey(source), cancellationToken);
        state.LastAttemptAt = time.GetUtcNow();
        SourceReport report;
        try
        {
            report = await ReadAsync(source, state, recent, timings, cancellationToken);
            state.LastSuccessAt = time.GetUtcNow();
            state.LastError = null;
            state.ConsecutiveFailures = 0;
        }
        catch (Exception ex) when (!runCancellation.IsCancellationRequested)
        {
            state.LastError = FetchFailures.Describe(ex);
            report = SourceReport.Failure(state.LastError);
            state.ConsecutiveFailures++;
            logger.LogWarning("Skipped source {Feed} ({Failures} failures in a row): {Reason}", source.Name, state.ConsecutiveFailures, state.LastError);
        }

        await feedStates.SaveAsync(state, CancellationToken.None);
        return report;
    }

    private async Task<SourceReport> ReadAsync(FeedSourceOptions source, FeedState state, NearDuplicateSet recent, CollectTimings timings, CancellationToken cancellationToken)
    {
        if (await feeds.FetchAsync(source, state, timings, cancellationToken) is not { } feed)
        {
            return SourceReport.Unchanged;
        }

        var seen = state.SeenItems.Split(';', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var outcomes = new ConcurrentBag<(ItemOutcome Outcome, bool Page, bool FellShort, string Title, IReadOnlyList<string> Tags)>();
        var collectedAt = time.GetUtcNow();
        var fresh = feed.Items.Where(item => !seen.Contains(ItemKey(item))).ToList();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.ParallelItems, CancellationToken = cancellationToken };
        var drafts = new (ArticleDraft Draft, bool Page, bool FellShort)[fresh.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, fresh.Count), parallel, async (i, ct) =>
            drafts[i] = await pages.DraftAsync(source, fresh[i], timings, ct));

        // Lines the site repeats on its pages go before anything reads the texts; what this run saw is remembered below.
        var siteLines = SiteLines.Parse(state.SiteLines);
        var texts = siteLines.RemoveRepeated([.. drafts.Select(d => d.Draft.Text)]);
        await Parallel.ForEachAsync(Enumerable.Range(0, fresh.Count), parallel, async (i, ct) =>
        {
            var (outcome, tags) = await filer.FileAsync(source, fresh[i], drafts[i].Draft with { Text = texts[i] }, collectedAt, recent, timings, ct);
            outcomes.Add((outcome, drafts[i].Page, drafts[i].FellShort, drafts[i].Draft.Title, tags));
        });

        // Only now, with every item stored, are the items remembered: a failure above retries them next run.
        state.SeenItems = string.Join(';', feed.Items.Select(ItemKey).Distinct());
        state.SiteLines = siteLines.Count == 0 ? null : siteLines.Serialize();
        state.LastItemCount = feed.Items.Count;
        var report = new SourceReport(
            false,
            false,
            feed.Items.Count,
            outcomes.Count(o => o.Outcome == ItemOutcome.New),
            outcomes.Count(o => o.Outcome == ItemOutcome.Known) + (feed.Items.Count - fresh.Count),
            outcomes.Count(o => o.Outcome == ItemOutcome.Filtered),
            outcomes.Count(o => o.Outcome == ItemOutcome.NearDuplicate),
            outcomes.Count(o => o.Page),
            outcomes.Count(o => o.FellShort),
            outcomes.Count(o => o.Outcome == ItemOutcome.LinklessTeaser))
        {
            Stored = [.. outcomes.Where(o => o.Outcome == ItemOutcome.New).Select(o => (o.Title, o.Tags))],
        };
        logger.LogInformation("Collected {Count} items from {Feed} ({Format}): {New} new, {Known} known, {Duplicates} near-duplicates, {Filtered} filtered", feed.Items.Count, source.Name, feed.Format, report.New, report.Known, report.NearDuplicates, report.Filtered);
        return report;
    }

    private static string ItemKey(ParsedItem item) => CanonicalUrl.IdOf(item.Identity)[..16];
}
