using System.Diagnostics;
using Herald.Articles;
using Herald.Configuration;
using Herald.Queues;
using Herald.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Herald.Collecting;

/// <summary>
/// Files a drafted item: tagged, held to its source's include and exclude tags, and stored once — an article with the
/// same canonical address, or a near-duplicate text under another address, records this source instead of becoming a
/// second article — then queued for summarizing.
/// </summary>
public sealed class ArticleFiler(Tagger tagger, ArticleStore store, SummarizeQueue summarizeQueue, IOptions<CollectingOptions> options, ILogger<ArticleFiler> logger)
{
    /// <summary>Shingle resemblance above which a fingerprint match is the same story (a syndicated copy with its own boilerplate is well above).</summary>
    private const double MinResemblance = 0.6;

    /// <summary>The fingerprints of the articles of the last Collecting:NearDuplicateWindow, which new items are compared with.</summary>
    public async Task<NearDuplicateSet> RecentAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        return new NearDuplicateSet(await store.ListFingerprintsAsync(now - settings.NearDuplicateWindow, now, cancellationToken), settings.NearDuplicateBits);
    }

    /// <summary>What became of the item, and the tags it was filed with.</summary>
    public async Task<(ItemOutcome Outcome, IReadOnlyList<string> Tags)> FileAsync(FeedSourceOptions source, ParsedItem item, ArticleDraft draft, DateTimeOffset collectedAt, NearDuplicateSet recent, CollectTimings timings, CancellationToken cancellationToken)
    {
        if (item.LinkIsSite && Words.Count(draft.Text) < options.Value.TeaserWords)
        {
            logger.LogInformation("Left out \"{Title}\" from {Feed}: no link to its article and only {Words} words in the feed", draft.Title, source.Name, Words.Count(draft.Text));
            return (ItemOutcome.LinklessTeaser, []);
        }

        var watch = Stopwatch.StartNew();
        var tags = tagger.Tag(source.Tags, item.Categories, draft.Title, draft.Text);
        timings.AddExtract(watch.Elapsed);
        if ((source.IncludeTags.Count > 0 && !TagNormalizer.NormalizeAll(source.IncludeTags).Intersect(tags).Any())
            || TagNormalizer.NormalizeAll(source.ExcludeTags).Intersect(tags).Any())
        {
            return (ItemOutcome.Filtered, tags);
        }

        watch.Restart();
        var article = draft.ToArticle(source.Name, tags, [.. TagNormalizer.NormalizeAll(source.Tags.Concat(item.Categories)).Distinct(StringComparer.Ordinal)], collectedAt);
        var outcome = await StoreAsync(article, source, recent, cancellationToken);
        timings.AddStore(watch.Elapsed);
        return (outcome, tags);
    }

    private async Task<ItemOutcome> StoreAsync(Article article, FeedSourceOptions source, NearDuplicateSet recent, CancellationToken cancellationToken)
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
            return ItemOutcome.NearDuplicate;
        }

        return await FinishAsync(await store.AddAsync(article, cancellationToken, fingerprint));

        async Task<ItemOutcome> FinishAsync(bool isNew)
        {
            if (!isNew)
            {
                await store.AddSourceAsync(blobName, mine, cancellationToken);
                return ItemOutcome.Known;
            }

            await summarizeQueue.EnqueueAsync(new SummarizeRequest(article.Id, blobName), cancellationToken);
            return ItemOutcome.New;
        }
    }
}
