using System.Globalization;
using Herald.Configuration;
using Herald.Editions.Scheduling;
using Herald.Editions.Stories;
using Herald.Links;
using Herald.Templates;
using Herald.Text;

namespace Herald.Editions.Rendering;

/// <summary>
/// Renders one edition of a newsletter to HTML and plain text from its templates, once for all its recipients: where a
/// recipient's own links go, the output holds <see cref="PersonalSlots"/> markers, and every value taken from an
/// article is cleaned of the characters markers are made of, so no article can place one. The template set's
/// stylesheet ("{template}.css") is inlined into the HTML (PreMailer.Net), as mail clients need; rules only a
/// media query can express stay in the template's own style element.
/// </summary>
public sealed class DigestRenderer(TemplateCatalog templates, SiteLinks links)
{
    /// <summary>Headlines in "today in brief".</summary>
    public const int BriefLength = 5;

    /// <summary>Words a minute, for "4 min read".</summary>
    private const int ReadingSpeed = 230;

    public DigestOutput Render(NewsletterOptions newsletter, EditionSlot slot, string editionId, IReadOnlyList<RankedStory> ranked) =>
        Render(newsletter, slot, editionId, ranked, inline: true);

    /// <summary>The same, without the stylesheet inlined: what the rendering benchmark compares inlining against.</summary>
    public DigestOutput RenderWithoutStylesheet(NewsletterOptions newsletter, EditionSlot slot, string editionId, IReadOnlyList<RankedStory> ranked) =>
        Render(newsletter, slot, editionId, ranked, inline: false);

    private DigestOutput Render(NewsletterOptions newsletter, EditionSlot slot, string editionId, IReadOnlyList<RankedStory> ranked, bool inline)
    {
        var zone = NewsletterSchedule.For(newsletter).Zone;
        var sections = Sections(newsletter, ranked, zone).ToList();
        var views = sections.SelectMany(s => s.Stories).ToList(); // in the order the digest shows them
        var preheader = Preheader([.. ranked.Select(r => ToView(r, zone, r.Rank))]);
        var model = new DigestModel(
            NewsletterView.Of(newsletter),
            new EditionView(editionId, slot.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), slot.Local.ToString("dddd, MMMM d, yyyy", CultureInfo.InvariantCulture), ZoneName(zone, slot.At), preheader),
            [.. views.Take(BriefLength).Select((v, i) => new BriefItem(i + 1, v.Anchor, v.Title))],
            sections,
            new LinkView(PersonalSlots.Marker(PersonalSlot.UnsubscribeUrl), PersonalSlots.Marker(PersonalSlot.PreferencesUrl), links.Archive(newsletter.Id, slot.Key), links.SubscribePage(newsletter.Id)),
            views.Count);

        var html = templates.Render($"{newsletter.Template}.html.scriban", model);
        IReadOnlyList<string> warnings = [];
        if (inline && templates.ReadStylesheet(newsletter.Template) is { } stylesheet)
        {
            var inlined = Inline(html, stylesheet);
            (html, warnings) = (inlined.Html, [.. inlined.Warnings]);
        }

        var manifest = ranked.Select(r => new EditionStory(
            PersonalSlots.Clean(r.Story.Lead.Title), PersonalSlots.Clean(r.Story.Lead.CanonicalUrl), PersonalSlots.Clean(r.Story.Lead.Source), PersonalSlots.Clean(r.Story.Lead.Summary?.Dek ?? ""),
            r.Section, r.Story.Lead.PublishedAt, [.. r.Story.AlsoReported.Prepend(r.Story.Lead).Select(a => a.Id)], [.. r.Story.AlsoReported.Prepend(r.Story.Lead).Select(ArticleBlobName)])).ToList();
        return new DigestOutput(html, templates.Render($"{newsletter.Template}.txt.scriban", model), preheader, manifest) { StyleWarnings = warnings };
    }

    /// <summary>Moves the stylesheet's rules into style attributes; the element with id "herald-responsive" (media queries) is left as it is.</summary>
    public static PreMailer.Net.InlineResult Inline(string html, string stylesheet) =>
        PreMailer.Net.PreMailer.MoveCssInline(html, removeStyleElements: false, ignoreElements: "#herald-responsive", css: stylesheet, stripIdAndClassAttributes: false, removeComments: true);

    /// <summary>The sections in the newsletter's order, each story numbered within its section as the reader counts them.</summary>
    private static IEnumerable<SectionView> Sections(NewsletterOptions newsletter, IReadOnlyList<RankedStory> ranked, TimeZoneInfo zone)
    {
        var bySection = ranked.ToLookup(r => r.Section);
        foreach (var title in newsletter.Sections.Select(s => s.Title).Where(t => bySection.Contains(t)))
        {
            yield return new SectionView(title, [.. bySection[title].Select((r, i) => ToView(r, zone, i + 1))]);
        }

        if (bySection.Contains(null))
        {
            yield return new SectionView(newsletter.Sections.Count == 0 ? null : "More news", [.. bySection[null].Select((r, i) => ToView(r, zone, i + 1))]);
        }
    }

    private static StoryView ToView(RankedStory ranked, TimeZoneInfo zone, int number)
    {
        var story = ranked.Story;
        return new StoryView(
            number,
            $"story-{ranked.Rank}",
            PersonalSlots.Clean(story.Lead.Title),
            PersonalSlots.Clean(story.Lead.CanonicalUrl),
            PersonalSlots.Clean(story.Lead.Source),
            Dek(story),
            PersonalSlots.Clean(story.Summary),
            story.Lead.PublishedAt is { } published ? TimeZoneInfo.ConvertTime(published, zone).ToString("MMM d, h:mm tt", CultureInfo.InvariantCulture) : null,
            Math.Max(1, (int)Math.Ceiling(Words.Count(story.Lead.Text) / (double)ReadingSpeed)),
            [.. story.Lead.Tags.Select(PersonalSlots.Clean)],
            [.. OtherSources(story).Select(s => new SourceView(PersonalSlots.Clean(s.Name), PersonalSlots.Clean(s.Url)))]);
    }

    /// <summary>The dek, unless the summary says it already (an extractive dek is one of the article's sentences): said once is enough.</summary>
    private static string Dek(Story story)
    {
        var dek = Collapse(PersonalSlots.Clean(story.Lead.Summary?.Dek ?? ""));
        var summary = Collapse(story.Summary);
        return dek.Length == 0 || summary.Contains(dek, StringComparison.OrdinalIgnoreCase) || SentenceSplitter.Split(summary).Any(s => string.Equals(Collapse(s), dek, StringComparison.OrdinalIgnoreCase)) ? "" : dek;

        static string Collapse(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ").Trim();
    }

    /// <summary>The line mail clients show after the subject: the top story's dek, else the first headlines.</summary>
    private static string Preheader(List<StoryView> stories)
    {
        var text = stories.Count == 0 ? "" : stories[0].Dek.Length > 0 ? stories[0].Dek : FirstSentence(stories[0].Summary) is { Length: > 0 } opening ? opening : stories[0].Title;
        text = System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ").Trim();
        return text.Length <= 150 ? text : text[..149].TrimEnd() + "…";
    }

    private static string FirstSentence(string text) => SentenceSplitter.Split(text).FirstOrDefault() ?? "";

    private static string ZoneName(TimeZoneInfo zone, DateTimeOffset at) =>
        zone.Id is "UTC" or "Etc/UTC" ? "UTC" : $"{(zone.IsDaylightSavingTime(at) ? zone.DaylightName : zone.StandardName)} ({zone.Id})";

    private static string ArticleBlobName(Articles.Article article) => Articles.ArticleStore.BlobName(article);

    /// <summary>The other outlets of a story: grouped reports, and syndicated copies recorded on any of its articles.</summary>
    private static List<SourceView> OtherSources(Story story) =>
        [.. story.AlsoReported.Select(a => new SourceView(a.Source, a.CanonicalUrl))
            .Concat(story.AlsoReported.Prepend(story.Lead).SelectMany(a => a.Sources).Select(s => new SourceView(s.Name, CanonicalUrl.Normalize(new Uri(s.Url)))))
            .Where(s => s.Name != story.Lead.Source)
            .DistinctBy(s => s.Name, StringComparer.Ordinal)];
}
