using Herald.Configuration;
using Herald.Text;

namespace Herald.Editions.Stories;

/// <summary>
/// Orders an edition's stories by what matters most today: how many outlets reported it, how recent it is, and the
/// weight the newsletter gives its tags — score = weight x (outlets + e^(-age in hours / 24)) — and keeps the first
/// MaxStories. Each story then goes under the first section whose tags it carries.
/// </summary>
public static class StoryRanking
{
    public static IReadOnlyList<RankedStory> Rank(NewsletterOptions newsletter, IReadOnlyList<Story> stories, DateTimeOffset at)
    {
        var weights = newsletter.TagWeights.ToDictionary(w => TagNormalizer.Normalize(w.Key), w => w.Value, StringComparer.Ordinal);
        var sections = newsletter.Sections.Select(s => (s.Title, Tags: EditionBuilder.TagSet(s.Tags))).ToList();
        return [.. stories
            .Select(story => (Story: story, Score: Score(story, weights, at)))
            .OrderByDescending(s => s.Score)
            .ThenByDescending(s => s.Story.Lead.PublishedAt ?? s.Story.Lead.CollectedAt)
            .ThenBy(s => s.Story.Lead.Id, StringComparer.Ordinal)
            .Take(newsletter.MaxStories)
            .Select((s, i) => new RankedStory(s.Story, s.Score, i + 1, sections.FirstOrDefault(section => TagsOf(s.Story).Any(section.Tags.Contains)).Title))];
    }

    public static double Score(Story story, IReadOnlyDictionary<string, double> weights, DateTimeOffset at)
    {
        var outlets = story.AlsoReported.Prepend(story.Lead).Select(a => a.Source)
            .Concat(story.AlsoReported.Prepend(story.Lead).SelectMany(a => a.Sources).Select(s => s.Name))
            .Distinct(StringComparer.Ordinal).Count();
        var age = Math.Max(0, (at - (story.Lead.PublishedAt ?? story.Lead.CollectedAt)).TotalHours);
        var weight = TagsOf(story).Select(t => weights.GetValueOrDefault(t, 1.0)).DefaultIfEmpty(1.0).Max();
        return weight * (outlets + Math.Exp(-age / 24));
    }

    private static IEnumerable<string> TagsOf(Story story) =>
        TagNormalizer.NormalizeAll(story.AlsoReported.Prepend(story.Lead).SelectMany(a => a.Tags)).Distinct(StringComparer.Ordinal);
}
