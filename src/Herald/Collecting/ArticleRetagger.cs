using Herald.Articles;
using Microsoft.Extensions.Logging;

namespace Herald.Collecting;

/// <summary>
/// Applies the tagging rules as they are now to articles already stored, so a rule changed today reaches the stories of
/// the last days: each article keeps the tags its feed gave (the source's own and its categories) and takes the tags
/// the rules give its title and text now. Editions already built keep the stories they had; the next edition selects
/// by the new tags. Safe to repeat: an article whose tags are right is left as it is.
/// </summary>
public sealed class ArticleRetagger(ArticleStore store, Tagger tagger, TimeProvider time, ILogger<ArticleRetagger> logger)
{
    public async Task<RetagReport> RetagAsync(TimeSpan window, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var rows = await store.ListCollectedAsync(now - window, now, cancellationToken);
        int changed = 0, unchanged = 0, missing = 0;
        foreach (var row in rows)
        {
            for (var attempt = 0; ; attempt++)
            {
                if (await store.GetAsync(row.BlobName, cancellationToken) is not var (article, etag))
                {
                    missing++;
                    break;
                }

                var tags = tagger.Tag(FeedTagsOf(article), [], article.Title, article.Text);
                if (tags.SequenceEqual(article.Tags, StringComparer.Ordinal) && tags.SequenceEqual(row.TagList, StringComparer.Ordinal))
                {
                    unchanged++;
                    break;
                }

                if (await store.RetagAsync(row, article, etag, tags, cancellationToken))
                {
                    changed++;
                    logger.LogInformation("Article {ArticleId} re-tagged: {Before} -> {After}", article.Id, string.Join(",", article.Tags), string.Join(",", tags));
                    break;
                }

                if (attempt >= 3)
                {
                    throw new InvalidOperationException($"Article {article.Id} kept changing while it was re-tagged.");
                }
            }
        }

        return new RetagReport(rows.Count, changed, unchanged, missing);
    }

    /// <summary>
    /// The tags the article's feed gave. An article stored before they were kept apart keeps every tag no rule of today
    /// gives (a rule's tag it had may be a feed category too; it is kept only if a rule still gives it).
    /// </summary>
    private IEnumerable<string> FeedTagsOf(Article article) =>
        article.FeedTags ?? article.Tags.Where(t => !tagger.RuleTags.Contains(t));
}
