using System.Globalization;
using Herald.Articles;
using Herald.Configuration;
using Herald.Delivery;
using Herald.Rendering;
using Herald.Subscribers;
using Herald.Summarizing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Herald.Editions;

public enum EditionOutcome
{
    /// <summary>Built now and its send batches queued.</summary>
    Queued,

    /// <summary>Today's edition was already built and queued by an earlier run.</summary>
    AlreadyQueued,

    /// <summary>No new article carries the newsletter's tags: no edition, no email.</summary>
    NothingNew,
}

public sealed record EditionReport(string NewsletterId, string EditionId, EditionOutcome Outcome, int Articles, int Stories, int Recipients, int Batches);

/// <summary>
/// Builds each newsletter's edition of the day: selects the articles collected since the previous edition that
/// carry its tags, renders them, stores the edition, and queues its subscribers in batches. Every step can be
/// repeated: the edition blob is created once, and queuing again only re-sends batches the ledger then skips.
/// </summary>
public sealed class EditionBuilder(
    IOptions<HeraldOptions> options,
    ArticleStore articles,
    EditionStore editions,
    SubscriberStore subscribers,
    SendQueue sendQueue,
    IArticleSummarizer summarizer,
    DigestRenderer renderer,
    IOptions<DeliveryOptions> delivery,
    TimeProvider time,
    ILogger<EditionBuilder> logger)
{
    public async Task<IReadOnlyList<EditionReport>> BuildAllAsync(CancellationToken cancellationToken)
    {
        var reports = new List<EditionReport>();
        foreach (var newsletter in options.Value.Newsletters)
        {
            reports.Add(await BuildAsync(newsletter, cancellationToken));
        }

        return reports;
    }

    public async Task<EditionReport> BuildAsync(NewsletterOptions newsletter, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var date = DateOnly.FromDateTime(now.UtcDateTime);
        var editionId = $"{newsletter.Id}-{date.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}";

        var existing = await editions.GetAsync(newsletter.Id, date, cancellationToken);
        if (existing is { Value.Status: EditionStatus.Queued })
        {
            return new EditionReport(newsletter.Id, editionId, EditionOutcome.AlreadyQueued, existing.Value.Value.ArticleIds.Count, existing.Value.Value.Stories, existing.Value.Value.Recipients, existing.Value.Value.Batches);
        }

        var edition = existing?.Value;
        if (edition is null)
        {
            edition = await RenderAsync(newsletter, editionId, date, now, cancellationToken);
            if (edition is null)
            {
                logger.LogInformation("No new articles for {Newsletter}; no edition today", newsletter.Id);
                return new EditionReport(newsletter.Id, editionId, EditionOutcome.NothingNew, 0, 0, 0, 0);
            }

            if (!await editions.TryCreateAsync(edition, cancellationToken))
            {
                // Another instance built it between our read and our write: carry on with theirs.
                edition = (await editions.GetAsync(newsletter.Id, date, cancellationToken))!.Value.Value;
            }
        }

        await editions.AdvanceLatestAsync(newsletter.Id, new EditionPointer(edition.Id, edition.Date, edition.WindowEnd), cancellationToken);
        var (recipients, batches) = await QueueBatchesAsync(newsletter, edition, cancellationToken);

        var current = await editions.GetAsync(newsletter.Id, date, cancellationToken);
        if (current is { } latest && latest.Value.Status != EditionStatus.Queued)
        {
            await editions.TryReplaceAsync(latest.Value with { Status = EditionStatus.Queued, Recipients = recipients, Batches = batches, QueuedAt = time.GetUtcNow() }, latest.ETag, cancellationToken);
        }

        logger.LogInformation("Edition {EditionId} has {Articles} articles in {Stories} stories and is queued for {Recipients} subscribers in {Batches} batches", edition.Id, edition.ArticleIds.Count, edition.Stories, recipients, batches);
        return new EditionReport(newsletter.Id, edition.Id, EditionOutcome.Queued, edition.ArticleIds.Count, edition.Stories, recipients, batches);
    }

    /// <summary>The articles an edition built now would hold, rendered; null when there are none.</summary>
    public async Task<Edition?> RenderAsync(NewsletterOptions newsletter, string editionId, DateOnly date, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var latest = await editions.GetLatestAsync(newsletter.Id, cancellationToken);
        var windowStart = latest?.Value.WindowEnd ?? now - newsletter.Window;
        var selected = await SelectAsync(newsletter, windowStart, now, cancellationToken);
        if (selected.Count == 0)
        {
            return null;
        }

        var stories = StoryGrouper.Group(selected);
        var (html, text) = renderer.Render(newsletter, editionId, date, stories);
        var subject = stories.Count == 1
            ? $"{newsletter.Title}: {stories[0].Lead.Title}"
            : $"{newsletter.Title}: {stories[0].Lead.Title} and {stories.Count - 1} more";
        return new Edition
        {
            Id = editionId,
            NewsletterId = newsletter.Id,
            Date = date,
            WindowStart = windowStart,
            WindowEnd = now,
            ArticleIds = [.. selected.Select(a => a.Id)],
            Stories = stories.Count,
            Subject = subject,
            Html = html,
            Text = text,
            BuiltAt = now,
        };
    }

    private async Task<List<Article>> SelectAsync(NewsletterOptions newsletter, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var include = TagNormalizerSet(newsletter.IncludeTags);
        var exclude = TagNormalizerSet(newsletter.ExcludeTags);
        var oldest = to - newsletter.MaxArticleAge;
        var rows = (await articles.ListCollectedAsync(from, to, cancellationToken))
            .Where(r => r.TagList.Any(include.Contains) && !r.TagList.Any(exclude.Contains))
            .Where(r => r.PublishedAt is null || r.PublishedAt >= oldest)
            .ToList();

        var selected = new List<Article>();
        foreach (var row in rows)
        {
            var stored = await articles.GetAsync(row.BlobName, cancellationToken);
            if (stored is null)
            {
                continue;
            }

            var article = stored.Value.Article;
            // The summarize queue may not have reached this article yet: make the summary here rather than leave a story without one.
            selected.Add(article.Summary is null ? article with { Summary = await summarizer.SummarizeAsync(article, cancellationToken) } : article);
        }

        return [.. selected.OrderByDescending(a => a.PublishedAt ?? a.CollectedAt).Take(newsletter.MaxArticles)];
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

    private static HashSet<string> TagNormalizerSet(IEnumerable<string> tags) =>
        new(Collecting.TagNormalizer.NormalizeAll(tags), StringComparer.Ordinal);
}
