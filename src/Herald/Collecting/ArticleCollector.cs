using System.Collections.Concurrent;
using System.Diagnostics;
using Herald.Articles;
using Herald.Collecting.Fetching;
using Herald.Configuration;
using Herald.Queues;
using Herald.Telemetry;
using Herald.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Herald.Collecting;

/// <summary>
/// Reads every configured source (several at a time), turns new items into tagged, de-duplicated articles and
/// queues them for summarizing. Unchanged feeds cost one conditional GET; items seen last time are skipped;
/// teasers are completed from the article page. One broken source is logged with its reason and never stops the
/// others; its validators are not advanced, so the next run tries it again.
/// </summary>
public sealed class ArticleCollector(
    IOptions<HeraldOptions> sourcesOptions,
    IOptions<CollectingOptions> collectingOptions,
    WebFetcher web,
    FeedStateStore feedStates,
    ArticleStore store,
    Tagger tagger,
    SummarizeQueue summarizeQueue,
    TimeProvider time,
    HeraldMetrics metrics,
    ILogger<ArticleCollector> logger)
{
    /// <summary>Shingle resemblance above which a fingerprint match is the same story (a syndicated copy with its own boilerplate is well above).</summary>
    private const double MinResemblance = 0.6;

    private enum Outcome
    {
        New,
        Known,
        NearDuplicate,
        Filtered,

        /// <summary>No link to the article and only a teaser in the feed: nothing to read or point a reader to.</summary>
        LinklessTeaser,
    }

    public async Task<CollectReport> CollectAsync(CancellationToken cancellationToken, IProgress<StepProgress>? progress = null)
    {
        var sources = sourcesOptions.Value.AllSources().ToList();
        var settings = collectingOptions.Value;
        var timings = new CollectTimings();
        var now = time.GetUtcNow();
        var recent = new NearDuplicateSet(await store.ListFingerprintsAsync(now - settings.NearDuplicateWindow, now, cancellationToken), settings.NearDuplicateBits);
        int failed = 0, unchanged = 0, items = 0, added = 0, known = 0, filtered = 0, duplicates = 0, pages = 0, fellShort = 0, linkless = 0, done = 0;
        await Parallel.ForEachAsync(sources, new ParallelOptions { MaxDegreeOfParallelism = settings.ParallelFeeds, CancellationToken = cancellationToken }, async (source, ct) =>
        {
            var state = await feedStates.GetAsync(SourceKey(source), ct);
            state.LastAttemptAt = time.GetUtcNow();
            try
            {
                var result = await CollectSourceAsync(source, state, recent, timings, ct);
                Interlocked.Add(ref items, result.Items);
                Interlocked.Add(ref added, result.New);
                Interlocked.Add(ref known, result.Known);
                Interlocked.Add(ref filtered, result.Filtered);
                Interlocked.Add(ref duplicates, result.NearDuplicates);
                Interlocked.Add(ref pages, result.Pages);
                Interlocked.Add(ref fellShort, result.ShortExtractions);
                Interlocked.Add(ref linkless, result.LinklessTeasers);
                if (result.NotModified)
                {
                    Interlocked.Increment(ref unchanged);
                }

                state.LastSuccessAt = time.GetUtcNow();
                state.LastError = null;
                state.ConsecutiveFailures = 0;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                Interlocked.Increment(ref failed);
                state.LastError = Describe(ex);
                state.ConsecutiveFailures++;
                logger.LogWarning("Skipped source {Feed} ({Failures} failures in a row): {Reason}", source.Name, state.ConsecutiveFailures, state.LastError);
            }

            await feedStates.SaveAsync(state, CancellationToken.None);
            progress?.Report(new StepProgress("collect", Interlocked.Increment(ref done), sources.Count, source.Name, Volatile.Read(ref added)));
        });

        metrics.ArticlesCollected(added);
        return new CollectReport(sources.Count, failed, items, added, known + duplicates)
        {
            UnchangedSources = unchanged,
            FilteredItems = filtered,
            NearDuplicates = duplicates,
            PagesFetched = pages,
            ShortExtractions = fellShort,
            LinklessTeasers = linkless,
            Timings = timings,
        };
    }

    private sealed record SourceResult(bool NotModified, int Items, int New, int Known, int Filtered, int NearDuplicates, int Pages, int ShortExtractions, int LinklessTeasers);

    private async Task<SourceResult> CollectSourceAsync(FeedSourceOptions source, FeedState state, NearDuplicateSet recent, CollectTimings timings, CancellationToken cancellationToken)
    {
        var settings = collectingOptions.Value;
        var watch = Stopwatch.StartNew();
        byte[] content;
        Uri? feedUrl = null;
        string? charset = null;
        if (!string.IsNullOrWhiteSpace(source.File))
        {
            content = await ReadFileAsync(source.File, settings.MaxFeedBytes, cancellationToken);
        }
        else
        {
            var fetched = await web.FetchAsync(new FetchRequest(new Uri(source.Url!), settings.MaxFeedBytes, source.AllowPrivateNetwork, state.HttpETag, state.HttpLastModified, AllowOwnPort: true), cancellationToken);
            timings.AddFeed(watch.Elapsed);
            if (fetched.NotModified)
            {
                logger.LogInformation("{Feed} is unchanged (304)", source.Name);
                return new SourceResult(true, 0, 0, 0, 0, 0, 0, 0, 0);
            }

            (content, feedUrl, charset) = (fetched.Content, fetched.FinalUrl, fetched.Charset);
            state.HttpETag = fetched.ETag;
            state.HttpLastModified = fetched.LastModified;
        }

        watch.Restart();
        var feed = FeedParser.Parse(content, feedUrl, charset, settings.MaxItemsPerFeed);
        timings.AddParse(watch.Elapsed);
        foreach (var note in feed.Notes.Distinct(StringComparer.Ordinal))
        {
            logger.LogInformation("{Feed}: {Note} ({Count})", source.Name, note, feed.Notes.Count(n => n == note));
        }

        var seen = state.SeenItems.Split(';', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var outcomes = new ConcurrentBag<(Outcome Outcome, bool Page, bool FellShort)>();
        var collectedAt = time.GetUtcNow();
        var fresh = feed.Items.Where(item => !seen.Contains(ItemKey(item))).ToList();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = settings.ParallelItems, CancellationToken = cancellationToken };
        var drafts = new (ArticleDraft Draft, bool Page, bool FellShort)[fresh.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, fresh.Count), parallel, async (i, ct) =>
            drafts[i] = await DraftItemAsync(source, fresh[i], timings, ct));

        // Lines the site repeats on its pages go before anything reads the texts; what this run saw is remembered below.
        var siteLines = SiteLines.Parse(state.SiteLines);
        var texts = siteLines.RemoveRepeated([.. drafts.Select(d => d.Draft.Text)]);
        await Parallel.ForEachAsync(Enumerable.Range(0, fresh.Count), parallel, async (i, ct) =>
            outcomes.Add((await FinishItemAsync(source, fresh[i], drafts[i].Draft with { Text = texts[i] }, collectedAt, recent, timings, ct), drafts[i].Page, drafts[i].FellShort)));

        // Only now, with every item stored, are the items remembered: a failure above retries them next run.
        state.SeenItems = string.Join(';', feed.Items.Select(ItemKey).Distinct());
        state.SiteLines = siteLines.Count == 0 ? null : siteLines.Serialize();
        state.LastItemCount = feed.Items.Count;
        var result = new SourceResult(
            false,
            feed.Items.Count,
            outcomes.Count(o => o.Outcome == Outcome.New),
            outcomes.Count(o => o.Outcome == Outcome.Known) + (feed.Items.Count - fresh.Count),
            outcomes.Count(o => o.Outcome == Outcome.Filtered),
            outcomes.Count(o => o.Outcome == Outcome.NearDuplicate),
            outcomes.Count(o => o.Page),
            outcomes.Count(o => o.FellShort),
            outcomes.Count(o => o.Outcome == Outcome.LinklessTeaser));
        logger.LogInformation("Collected {Count} items from {Feed} ({Format}): {New} new, {Known} known, {Duplicates} near-duplicates, {Filtered} filtered", feed.Items.Count, source.Name, feed.Format, result.New, result.Known, result.NearDuplicates, result.Filtered);
        return result;
    }

    /// <summary>
    /// The item as a draft article: the feed's text, or the page's when the feed has only a teaser. An extraction that
    /// comes out empty or shorter than the feed's own text is a failure: logged, counted, and the feed's text kept.
    /// </summary>
    private async Task<(ArticleDraft Draft, bool Page, bool FellShort)> DraftItemAsync(FeedSourceOptions source, ParsedItem item, CollectTimings timings, CancellationToken cancellationToken)
    {
        var settings = collectingOptions.Value;
        var watch = Stopwatch.StartNew();
        var draft = ArticleDraft.FromFeed(item);
        var (pageFetched, fellShort) = (false, false);
        if (source.FetchFullText && source.Url is not null && !item.LinkIsSite && Words.Count(draft.Text) < settings.TeaserWords)
        {
            try
            {
                var sourceAuthority = new Uri(source.Url).Authority;
                var page = await web.FetchAsync(new FetchRequest(item.Link, settings.MaxPageBytes, source.AllowPrivateNetwork && item.Link.Authority == sourceAuthority, AllowOwnPort: item.Link.Authority == sourceAuthority), cancellationToken);
                timings.AddPage(watch.Elapsed);
                watch.Restart();
                var extracted = PageExtractor.Extract(TextDecoding.Decode(page.Content, page.Charset), page.FinalUrl);
                if (Words.Count(extracted.Text) < Math.Max(1, Words.Count(draft.Text)))
                {
                    fellShort = true;
                    logger.LogWarning("Extraction of {Url} from {Feed} came out with {PageWords} words, fewer than the feed's {FeedWords}; kept the feed's text", item.Link, source.Name, Words.Count(extracted.Text), Words.Count(draft.Text));
                }

                draft = draft.WithPage(extracted, page.FinalUrl);
                pageFetched = true;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not OutOfMemoryException)
            {
                logger.LogWarning("Kept the feed's teaser for {Url} from {Feed}: {Reason}", item.Link, source.Name, Describe(ex));
            }
        }

        timings.AddExtract(watch.Elapsed);
        return (draft, pageFetched, fellShort);
    }

    private async Task<Outcome> FinishItemAsync(FeedSourceOptions source, ParsedItem item, ArticleDraft draft, DateTimeOffset collectedAt, NearDuplicateSet recent, CollectTimings timings, CancellationToken cancellationToken)
    {
        if (item.LinkIsSite && Words.Count(draft.Text) < collectingOptions.Value.TeaserWords)
        {
            logger.LogInformation("Left out \"{Title}\" from {Feed}: no link to its article and only {Words} words in the feed", draft.Title, source.Name, Words.Count(draft.Text));
            return Outcome.LinklessTeaser;
        }

        var watch = Stopwatch.StartNew();
        var tags = tagger.Tag(source.Tags, item.Categories, draft.Title, draft.Text);
        timings.AddExtract(watch.Elapsed);
        if ((source.IncludeTags.Count > 0 && !TagNormalizer.NormalizeAll(source.IncludeTags).Intersect(tags).Any())
            || TagNormalizer.NormalizeAll(source.ExcludeTags).Intersect(tags).Any())
        {
            return Outcome.Filtered;
        }

        watch.Restart();
        var article = draft.ToArticle(source.Name, tags, collectedAt);
        var outcome = await StoreAsync(article, source, recent, cancellationToken);
        timings.AddStore(watch.Elapsed);
        return outcome;
    }

    /// <summary>
    /// Stores a new story once: an article with the same canonical address, or a near-duplicate text under another
    /// address, records this source instead of becoming a second article.
    /// </summary>
    private async Task<Outcome> StoreAsync(Article article, FeedSourceOptions source, NearDuplicateSet recent, CancellationToken cancellationToken)
    {
        var blobName = ArticleStore.BlobName(article);
        var mine = new ArticleSource(source.Name, article.Url);
        var fingerprint = SimHash.Of(article.Text);
        var notTwins = new HashSet<string>(StringComparer.Ordinal);
        for (var attempt = 0; fingerprint is { } print && attempt < 3; attempt++)
        {
            var lookup = recent.FindOrClaim(article.Id, blobName, print, notTwins);
            if (lookup.TwinBlobName is null)
            {
                try
                {
                    var isNew = await store.AddAsync(article, cancellationToken, fingerprint);
                    lookup.Settle(true);
                    return await FinishAsync(isNew);
                }
                catch
                {
                    lookup.Settle(false);
                    throw;
                }
            }

            // The original may still be on its way to storage (another feed, this very moment): wait for it,
            // then confirm on the texts themselves that it is the same story, not just a close fingerprint.
            if (!await lookup.TwinStored.WaitAsync(cancellationToken))
            {
                continue; // the original failed to store; its claim is withdrawn
            }

            var twin = await store.GetAsync(lookup.TwinBlobName, cancellationToken);
            if (twin is null || SimHash.Resemblance(article.Text, twin.Value.Article.Text) < MinResemblance)
            {
                notTwins.Add(lookup.TwinBlobName);
                continue;
            }

            await store.AddSourceAsync(lookup.TwinBlobName, mine, cancellationToken);
            logger.LogInformation("{Url} from {Feed} is a copy of {BlobName}; recorded as its source", article.Url, source.Name, lookup.TwinBlobName);
            return Outcome.NearDuplicate;
        }

        return await FinishAsync(await store.AddAsync(article, cancellationToken, fingerprint));

        async Task<Outcome> FinishAsync(bool isNew)
        {
            if (!isNew)
            {
                await store.AddSourceAsync(blobName, mine, cancellationToken);
                return Outcome.Known;
            }

            await summarizeQueue.EnqueueAsync(new SummarizeRequest(article.Id, blobName), cancellationToken);
            return Outcome.New;
        }
    }

    private static async Task<byte[]> ReadFileAsync(string file, int maxBytes, CancellationToken cancellationToken)
    {
        var path = ResolveFile(file);
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FeedRejectedException($"feed file '{path}' does not exist.");
        }

        if (info.Length > maxBytes)
        {
            throw new FeedRejectedException($"feed file is {info.Length} bytes; the limit is {maxBytes}.");
        }

        return await File.ReadAllBytesAsync(path, cancellationToken);
    }

    /// <summary>The feed's address, or its file resolved the same way it is read, so one file has one state row.</summary>
    private static string SourceKey(FeedSourceOptions source) => source.Url ?? ResolveFile(source.File!);

    private static string ResolveFile(string file) =>
        Path.IsPathRooted(file) ? file : Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, file));

    private static string ItemKey(ParsedItem item) => CanonicalUrl.IdOf(item.Identity)[..16];

    private static string Describe(Exception ex) => ex switch
    {
        Polly.Timeout.TimeoutRejectedException => "no answer in time.",
        Polly.CircuitBreaker.BrokenCircuitException => "too many recent failures on this host; it is left alone for a while.",
        HttpRequestException { InnerException: { } inner } http => $"{http.Message} ({inner.Message})",
        _ => ex.Message,
    };
}
