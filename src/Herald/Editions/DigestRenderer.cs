using System.Globalization;
using Herald.Configuration;
using Herald.Links;
using Herald.Mail;
using Herald.Summarizing;
using Herald.Templates;
using Herald.Text;

namespace Herald.Editions;

/// <summary>
/// Renders one edition of a newsletter to HTML and plain text from its templates, once for all its recipients: where a
/// recipient's own links go, the output holds <see cref="PersonalSlots"/> markers, and every value taken from an
/// article is cleaned of the characters markers are made of, so no article can place one.
/// </summary>
public sealed class DigestRenderer(TemplateCatalog templates, SiteLinks links)
{
    public (string Html, string Text) Render(NewsletterOptions newsletter, string editionId, DateOnly date, IReadOnlyList<Story> stories)
    {
        var model = new DigestModel(
            NewsletterView.Of(newsletter),
            new EditionView(editionId, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), date.ToString("dddd, MMMM d, yyyy", CultureInfo.InvariantCulture)),
            [.. stories.Select(ToView)],
            new LinkView(PersonalSlots.Marker(PersonalSlot.UnsubscribeUrl), PersonalSlots.Marker(PersonalSlot.PreferencesUrl), links.Archive(newsletter.Id, date), links.SubscribePage(newsletter.Id)));

        return (templates.Render($"{newsletter.Template}.html.scriban", model), templates.Render($"{newsletter.Template}.txt.scriban", model));
    }

    private static StoryView ToView(Story story) => new(
        PersonalSlots.Clean(story.Lead.Title),
        PersonalSlots.Clean(story.Lead.CanonicalUrl),
        PersonalSlots.Clean(story.Lead.Source),
        PersonalSlots.Clean(story.Lead.Summary?.Dek ?? ""),
        PersonalSlots.Clean(story.Summary),
        story.Lead.PublishedAt?.ToString("MMM d, HH:mm 'UTC'", CultureInfo.InvariantCulture),
        [.. story.Lead.Tags.Select(PersonalSlots.Clean)],
        [.. OtherSources(story).Select(s => new SourceView(PersonalSlots.Clean(s.Name), PersonalSlots.Clean(s.Url)))]);

    /// <summary>The other outlets of a story: grouped reports, and syndicated copies recorded on any of its articles.</summary>
    private static List<SourceView> OtherSources(Story story) =>
        [.. story.AlsoReported.Select(a => new SourceView(a.Source, a.CanonicalUrl))
            .Concat(story.AlsoReported.Prepend(story.Lead).SelectMany(a => a.Sources).Select(s => new SourceView(s.Name, CanonicalUrl.Normalize(new Uri(s.Url)))))
            .Where(s => s.Name != story.Lead.Source)
            .DistinctBy(s => s.Name, StringComparer.Ordinal)];
}
