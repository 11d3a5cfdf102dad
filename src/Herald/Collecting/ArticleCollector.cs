using Herald.Configuration;
using Herald.Telemetry;
using Microsoft.Extensions.Options;

namespace Herald.Collecting;

/// <summary>
/// Reads every configured source (several at a time, <see cref="SourceCollector"/>), turns new items into tagged,
/// de-duplicated articles and queues them for summarizing. Unchanged feeds cost one conditional GET; items seen last
/// time are skipped; teasers are completed from the article page. One broken source never stops the others.
/// </summary>
public sealed class ArticleCollector(IOptions<HeraldOptions> herald, IOptions<CollectingOptions> options, SourceCollector sources, ArticleFiler filer, TimeProvider time, HeraldMetrics metrics)
{
    public async Task<CollectReport> CollectAsync(CancellationToken cancellationToken, IProgress<StepProgress>? progress = null)
    {
        var all = herald.Value.AllSources().ToList();
        var timings = new CollectTimings();
        var recent = await filer.RecentAsync(time.GetUtcNow(), cancellationToken);
        var reports = new List<(string Source, SourceReport Report)>();
        var done = 0;
        var added = 0;
        await Parallel.ForEachAsync(all, new ParallelOptions { MaxDegreeOfParallelism = options.Value.ParallelFeeds, CancellationToken = cancellationToken }, async (source, ct) =>
        {
            var report = await sources.CollectAsync(source, recent, timings, cancellationToken, ct);
            lock (reports)
            {
                reports.Add((source.Name, report));
            }

            Interlocked.Add(ref added, report.New);
            progress?.Report(new StepProgress("collect", Interlocked.Increment(ref done), all.Count, source.Name, Volatile.Read(ref added)));
        });

        var results = reports.Select(r => r.Report).ToList();
        var newArticles = results.Sum(r => r.New);
        metrics.ArticlesCollected(newArticles);
        return new CollectReport(all.Count, results.Count(r => r.Failed), results.Sum(r => r.Items), newArticles, results.Sum(r => r.Known + r.NearDuplicates))
        {
            UnchangedSources = results.Count(r => r.NotModified),
            FilteredItems = results.Sum(r => r.Filtered),
            NearDuplicates = results.Sum(r => r.NearDuplicates),
            PagesFetched = results.Sum(r => r.Pages),
            ShortExtractions = results.Sum(r => r.ShortExtractions),
            LinklessTeasers = results.Sum(r => r.LinklessTeasers),
            Failures = [.. reports.Where(r => r.Report.Failed).OrderBy(r => r.Source, StringComparer.Ordinal).Select(r => (r.Source, r.Report.FailureReason ?? "failed"))],
            Unmatched = [.. reports.SelectMany(r => r.Report.Stored.Select(s => (r.Source, s.Title, s.Tags)))
                .Where(s => !herald.Value.Newsletters.Any(n => n.Wants(s.Tags)))
                .OrderBy(s => s.Source, StringComparer.Ordinal).ThenBy(s => s.Title, StringComparer.Ordinal)],
            Timings = timings,
        };
    }
}
