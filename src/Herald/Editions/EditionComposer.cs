using Herald.Articles;
using Herald.Configuration;
using Herald.Editions.Rendering;
using Herald.Editions.Scheduling;
using Herald.Editions.Stories;

namespace Herald.Editions;

/// <summary>
/// Makes an edition of chosen articles: reports of one event grouped into a story (leaving out what an earlier edition
/// told already), the stories ranked and cut to size, rendered with the newsletter's templates, and its subject.
/// Nothing is stored: building stores what this makes, previewing shows it.
/// </summary>
public sealed class EditionComposer(DigestRenderer renderer, StoryEmbeddings embeddings, TimeProvider time)
{
    /// <summary>Similarity to an article of the previous edition above which a new article is the same event told again.</summary>
    public const double RepeatThreshold = 0.5;

    /// <summary>The edition of <paramref name="selected"/>, minus what <paramref name="earlier"/> told; null when no story is left.</summary>
    public Edition? Compose(NewsletterOptions newsletter, EditionSlot slot, string editionId, IReadOnlyList<Article> selected, IReadOnlyList<Article> earlier, DateTimeOffset windowStart, DateTimeOffset windowEnd)
    {
        // Leave out what the previous edition already told: the same articles, and other reports of its events.
        var sent = earlier.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        var fresh = StoryGrouper.NotRetelling([.. selected.Where(a => !sent.Contains(a.Id))], [.. earlier], RepeatThreshold);
        var ranked = StoryRanking.Rank(newsletter, StoryGrouper.Group(fresh, embeddings), slot.At);
        if (ranked.Count == 0)
        {
            return null;
        }

        var digest = renderer.Render(newsletter, slot, editionId, ranked);
        return new Edition
        {
            Id = editionId,
            NewsletterId = newsletter.Id,
            Slot = slot.Key,
            SlotAt = slot.At,
            Date = slot.Date,
            TimeZone = newsletter.TimeZone,
            WindowStart = windowStart,
            WindowEnd = windowEnd,
            ArticleIds = [.. ranked.SelectMany(r => r.Story.AlsoReported.Prepend(r.Story.Lead)).Select(a => a.Id)],
            Stories = ranked.Count,
            Subject = SubjectLine.Render(newsletter, ranked[0].Story.Lead.Title, ranked.Count, slot.Local.ToString("dddd, MMMM d, yyyy", System.Globalization.CultureInfo.InvariantCulture)),
            Preheader = digest.Preheader,
            Html = digest.Html,
            Text = digest.Text,
            Manifest = digest.Manifest,
            BuiltAt = time.GetUtcNow(),
        };
    }
}
