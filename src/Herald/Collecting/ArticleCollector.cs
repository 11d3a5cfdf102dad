using Herald.Articles;
using Herald.Configuration;
using Herald.Storage;
using Herald.Summarizing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Herald.Collecting;

/// <summary>What one collection run did.</summary>
public sealed record CollectReport(int Sources, int FailedSources, int Items, int NewArticles, int KnownArticles);

/// <summary>
/// Reads every configured source, turns its items into tagged articles, stores the new ones and queues
/// them for summarizing. One broken source is logged with its reason and never stops the others.
/// </summary>
public sealed class ArticleCollector(
    IOptions<HeraldOptions> options,
    FeedFetcher fetcher,
    ArticleStore store,
    SummarizeQueue summarizeQueue,
    TimeProvider time,
    ILogger<ArticleCollector> logger)
{
    public async Task<CollectReport> CollectAsync(CancellationToken cancellationToken)
    {
        var sources = options.Value.Newsletters
            .SelectMany(n => n.Sources)
            .GroupBy(s => s.Url ?? FeedFetcher.ResolvePath(s.File!), StringComparer.Ordinal)
            .Select(g => g.First())
            .ToList();

        int failed = 0, items = 0, added = 0, known = 0;
        foreach (var source in sources)
        {
            try
            {
                var (content, url) = await fetcher.FetchAsync(source, cancellationToken);
                var feed = FeedParser.Parse(content, url);
                var collectedAt = time.GetUtcNow();
                var newInSource = 0;
                foreach (var item in feed.Items)
                {
                    items++;
                    var article = ToArticle(source, item, collectedAt);
                    if (await store.AddAsync(article, cancellationToken))
                    {
                        added++;
                        newInSource++;
                        await summarizeQueue.EnqueueAsync(new SummarizeRequest(article.Id, ArticleStore.BlobName(article)), cancellationToken);
                    }
                    else
                    {
                        known++;
                    }
                }

                logger.LogInformation("Collected {Count} items ({New} new) from {Feed} ({Format})", feed.Items.Count, newInSource, source.Name, feed.Format);
            }
            catch (Exception ex) when (ex is FeedRejectedException or HttpRequestException or TaskCanceledException or IOException)
            {
                failed++;
                logger.LogWarning("Skipped source {Feed}: {Reason}", source.Name, ex.Message);
            }
        }

        return new CollectReport(sources.Count, failed, items, added, known);
    }

    internal static Article ToArticle(FeedSourceOptions source, ParsedItem item, DateTimeOffset collectedAt)
    {
        var canonical = CanonicalUrl.Normalize(item.Link);
        var bodyHtml = item.ContentHtml ?? item.SummaryHtml ?? "";
        return new Article
        {
            Id = CanonicalUrl.IdOf(canonical),
            Url = item.Link.AbsoluteUri,
            CanonicalUrl = canonical,
            Title = item.Title.Length > 0 ? item.Title : "(untitled)",
            Author = item.Author,
            PublishedAt = item.PublishedAt,
            CollectedAt = collectedAt,
            Source = source.Name,
            Text = HtmlText.ToText(bodyHtml),
            Html = bodyHtml.Length == 0 ? null : HtmlText.Sanitize(bodyHtml, item.Link),
            Tags = TagNormalizer.NormalizeAll(source.Tags.Concat(item.Categories)),
        };
    }
}
