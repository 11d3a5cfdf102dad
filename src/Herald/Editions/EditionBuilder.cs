using Herald.Articles;
using Herald.Configuration;
using Herald.Editions.Rendering;
using Herald.Editions.Scheduling;
using Herald.Editions.Stories;
using Herald.Summarizing;
using Herald.Templates;
using Herald.Text;
using Microsoft.Extensions.Logging;

namespace Herald.Editions;

/// <summary>
/// Builds one slot's edition of a newsletter: the stories collected since its previous edition (up to the moment it is
/// built, which is the slot's time or later) that carry its tags and were not in that edition already, ranked, cut to
/// size, rendered, and stored once (a second build of the slot finds it and builds nothing). A slot with no story is
/// stored as skipped, so it is handled once and shows.
/// </summary>
public sealed class EditionBuilder(
    ArticleStore articles,
    EditionStore editions,
    IArticleSummarizer summarizer,
    EditionComposer composer,
    TimeProvider time,
    ILogger<EditionBuilder> logger)
{
    /// <summary>Earlier editions this recent count when leaving out stories already sent.</summary>
    private static readonly TimeSpan RepeatHorizon = TimeSpan.FromDays(3);

    /// <summary>Similarity to an article of the previous edition above which a new article is the same event told again.</summary>
    public const double RepeatThreshold = EditionComposer.RepeatThreshold;

    /// <summary>The slot's edition: the stored one, else a new one (or a skip) stored now.</summary>
    public async Task<Edition> BuildAsync(NewsletterOptions newsletter, EditionSlot slot, CancellationToken cancellationToken)
    {
        var edition = (await editions.GetAsync(newsletter.Id, slot.Key, cancellationToken))?.Value;
        if (edition is null)
        {
            var latest = (await editions.GetLatestAsync(newsletter.Id, cancellationToken))?.Value;
            edition = await RenderAsync(newsletter, slot, slot.IdFor(newsletter.Id), latest, cancellationToken) ?? Skip(newsletter, slot, latest);
            if (!await editions.TryCreateAsync(edition, cancellationToken))
            {
                // Another instance built it between our read and our write: carry on with theirs.
                edition = (await editions.GetAsync(newsletter.Id, slot.Key, cancellationToken))!.Value.Value;
            }
            else if (edition.Status == EditionStatus.Skipped)
            {
                logger.LogInformation("No new story for {Newsletter} at {Slot}: no edition, no email", newsletter.Id, slot.Key);
            }
        }

        await editions.AdvanceLatestAsync(newsletter.Id, new EditionPointer(edition.Id, edition.Slot, edition.SlotAt, edition.WindowEnd), cancellationToken);
        return edition;
    }

    /// <summary>What the slot's edition would hold, rendered, without storing anything; null when no story qualifies.</summary>
    public async Task<Edition?> RenderAsync(NewsletterOptions newsletter, EditionSlot slot, string editionId, CancellationToken cancellationToken) =>
        await RenderAsync(newsletter, slot, editionId, (await editions.GetLatestAsync(newsletter.Id, cancellationToken))?.Value, cancellationToken);

    /// <summary>The slot's edition rendered after <paramref name="latest"/>, the newsletter's last handled slot; null when no story qualifies.</summary>
    private async Task<Edition?> RenderAsync(NewsletterOptions newsletter, EditionSlot slot, string editionId, EditionPointer? latest, CancellationToken cancellationToken)
    {
        var windowStart = latest?.WindowEnd ?? slot.At - newsletter.Window;
        // Built at its slot or late: either way it takes what was collected up to now, so a late slot loses nothing.
        var windowEnd = Max(time.GetUtcNow(), slot.At);
        if (windowStart >= windowEnd)
        {
            return null;
        }

        var selected = await SelectAsync(newsletter, windowStart, windowEnd, cancellationToken);
        if (selected.Count == 0)
        {
            return null;
        }

        var earlier = await EarlierArticlesAsync(newsletter, latest, slot, cancellationToken);
        return composer.Compose(newsletter, slot, editionId, selected, earlier, windowStart, windowEnd);
    }

    private Edition Skip(NewsletterOptions newsletter, EditionSlot slot, EditionPointer? latest)
    {
        var windowStart = latest?.WindowEnd ?? slot.At - newsletter.Window;
        var windowEnd = Max(windowStart, Max(time.GetUtcNow(), slot.At));
        return new Edition
        {
            Id = slot.IdFor(newsletter.Id),
            NewsletterId = newsletter.Id,
            Slot = slot.Key,
            SlotAt = slot.At,
            Date = slot.Date,
            TimeZone = newsletter.TimeZone,
            WindowStart = windowStart,
            WindowEnd = windowEnd,
            ArticleIds = [],
            Subject = "",
            Html = "",
            Text = "",
            Status = EditionStatus.Skipped,
            BuiltAt = time.GetUtcNow(),
        };
    }

    private async Task<List<Article>> SelectAsync(NewsletterOptions newsletter, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var oldest = to - newsletter.MaxArticleAge;
        var rows = (await articles.ListCollectedAsync(from, to, cancellationToken))
            .Where(r => newsletter.Wants(r.TagList))
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

    /// <summary>The articles of the newsletter's previous edition, when it is recent enough for its stories to come round again.</summary>
    private async Task<List<Article>> EarlierArticlesAsync(NewsletterOptions newsletter, EditionPointer? latest, EditionSlot slot, CancellationToken cancellationToken)
    {
        if (latest is null || slot.At - latest.SlotAt > RepeatHorizon || latest.Slot == slot.Key
            || (await editions.GetAsync(newsletter.Id, latest.Slot, cancellationToken))?.Value is not { Status: not EditionStatus.Skipped } previous)
        {
            return [];
        }

        var earlier = new List<Article>();
        foreach (var blob in previous.Manifest.SelectMany(s => s.ArticleBlobs))
        {
            if (await articles.GetAsync(blob, cancellationToken) is { } stored)
            {
                earlier.Add(stored.Article);
            }
        }

        return earlier;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    internal static HashSet<string> TagSet(IEnumerable<string> tags) =>
        new(TagNormalizer.NormalizeAll(tags), StringComparer.Ordinal);
}
