using System.Globalization;
using Herald.Articles;
using Herald.Configuration;
using Herald.Mail;
using Herald.Summarizing;
using Herald.Text;
using Microsoft.Extensions.Logging;

namespace Herald.Editions;

/// <summary>
/// Builds a newsletter's edition of the day: selects the articles collected since the previous edition that carry
/// its tags, groups and renders them, and stores the edition once (a second build finds it and builds nothing).
/// </summary>
public sealed class EditionBuilder(
    ArticleStore articles,
    EditionStore editions,
    IArticleSummarizer summarizer,
    DigestRenderer renderer,
    TimeProvider time,
    ILogger<EditionBuilder> logger)
{
    /// <summary>Today's edition of <paramref name="newsletter"/>: the stored one, else a new one stored now; null when nothing new carries its tags.</summary>
    public async Task<Edition?> BuildAsync(NewsletterOptions newsletter, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var date = DateOnly.FromDateTime(now.UtcDateTime);
        var existing = await editions.GetAsync(newsletter.Id, date, cancellationToken);
        if (existing is { Value.Status: EditionStatus.Queued })
        {
            return existing.Value.Value;
        }

        var edition = existing?.Value;
        if (edition is null)
        {
            edition = await RenderAsync(newsletter, IdOf(newsletter, date), date, now, cancellationToken);
            if (edition is null)
            {
                logger.LogInformation("No new articles for {Newsletter}; no edition today", newsletter.Id);
                return null;
            }

            if (!await editions.TryCreateAsync(edition, cancellationToken))
            {
                // Another instance built it between our read and our write: carry on with theirs.
                edition = (await editions.GetAsync(newsletter.Id, date, cancellationToken))!.Value.Value;
            }
        }

        await editions.AdvanceLatestAsync(newsletter.Id, new EditionPointer(edition.Id, edition.Date, edition.WindowEnd), cancellationToken);
        return edition;
    }

    /// <summary>"white-house-watch-20261125": a newsletter's edition of one day.</summary>
    public static string IdOf(NewsletterOptions newsletter, DateOnly date) =>
        $"{newsletter.Id}-{date.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}";

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
        // One line, whatever the feed's title held: a subject is a header.
        var lead = System.Text.RegularExpressions.Regex.Replace(PersonalSlots.Clean(stories[0].Lead.Title), @"\s+", " ").Trim();
        var subject = stories.Count == 1
            ? $"{newsletter.Title}: {lead}"
            : $"{newsletter.Title}: {lead} and {stories.Count - 1} more";
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

    private static HashSet<string> TagNormalizerSet(IEnumerable<string> tags) =>
        new(TagNormalizer.NormalizeAll(tags), StringComparer.Ordinal);
}
