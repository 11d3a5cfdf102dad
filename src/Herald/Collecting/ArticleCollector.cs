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
        var reports = new List<SourceReport>();
        var done = 0;
        var added = 0;
        await Parallel.ForEachAsync(all, new ParallelOptions { MaxDegreeOfParallelism = options.Value.ParallelFeeds, CancellationToken = cancellationToken }, async (source, ct) =>
        {
            var report = await sources.CollectAsync(source, recent, timings, cancellationToken, ct);
            lock (reports)
            {
                reports.Add(report);
            }

            Interlocked.Add(ref added, report.New);
            progress?.Report(new StepProgress("collect", Interlocked.Increment(ref done), all.Count, source.Name, Volatile.Read(ref added)));
        });

        var newArticles = reports.Sum(r => r.New);
        metrics.ArticlesCollected(newArticles);
        return new CollectReport(all.Count, reports.Count(r => r.Failed), reports.Sum(r => r.Items), newArticles, reports.Sum(r => r.Known + r.NearDuplicates))
        {
            UnchangedSources = reports.Count(r => r.NotModified),
            FilteredItems = reports.Sum(r => r.Filtered),
            NearDuplicates = reports.Sum(r => r.NearDuplicates),
            PagesFetched = reports.Sum(r => r.Pages),
            ShortExtractions = reports.Sum(r => r.ShortExtractions),
            LinklessTeasers = reports.Sum(r => r.LinklessTeasers),
            Timings = timings,
        };
    }
}
