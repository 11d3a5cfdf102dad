using System.Diagnostics;
using System.Globalization;
using Herald.Articles;
using Herald.Configuration;
using Herald.Delivery;
using Herald.Editions;
using Herald.Editions.Rendering;
using Herald.Editions.Scheduling;
using Herald.Editions.Stories;
using Herald.Local;
using Herald.Subscribers;
using Herald.Templates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Herald.Bench.Editions;

/// <summary>
/// Rendering a 20-story edition, and personalizing it per reader, with the real templates and stylesheet. Each has a
/// baseline measured in the same run: the edition against the same templates rendered without the stylesheet
/// inlined (what inlining costs), and a reader's copy against filling the same two links with plain string.Replace
/// (what Herald's per-reader work — two signed tokens, escaped links, the name — costs over the cheapest possible).
/// </summary>
public static class RenderBenchmark
{
    public static async Task<int> RunAsync(TimeSpan duration, TextWriter output)
    {
        var home = HeraldPaths.Home();
        var data = Directory.CreateTempSubdirectory("herald-render-").FullName;
        var config = Path.Combine(data, "herald.json");
        await File.WriteAllTextAsync(config, $$"""
            {
              "HeraldStorage": "UseDevelopmentStorage=true",
              "Herald": {
                "PublicBaseUrl": "https://herald.bench.example",
                "SigningKey": "render-benchmark-signing-key-0123456789",
                "TemplateDirectory": "{{Path.Combine(home, "templates").Replace("\\", "\\\\", StringComparison.Ordinal)}}",
                "Newsletters": [ { "Id": "white-house-watch", "Title": "White House Watch", "Description": "The day in US politics, summarized.",
                  "IncludeTags": [ "us-politics" ], "MaxStories": 20, "TimeZone": "America/New_York",
                  "Sections": [ { "Title": "The White House", "Tags": [ "white-house" ] }, { "Title": "Congress", "Tags": [ "us-politics" ] } ],
                  "FromAddress": "watch@herald.bench.example", "PostalAddress": "Herald Bench Desk, 1 Example Street, Springfield, USA",
                  "Sources": [ { "Name": "Empty", "File": "empty.rss" } ] } ]
              }
            }
            """);
        using var host = HeraldHost.Build(config, data, new Dictionary<string, string?>(), verbose: false);
        var services = host.Services;
        var newsletter = services.GetRequiredService<IOptions<HeraldOptions>>().Value.Newsletters[0];
        var renderer = services.GetRequiredService<DigestRenderer>();
        var at = new DateTimeOffset(2026, 11, 25, 11, 0, 0, TimeSpan.Zero);
        var slot = NewsletterSchedule.For(newsletter).SlotAt(at);
        var ranked = StoryRanking.Rank(newsletter, Stories(at), at);
        var digest = renderer.Render(newsletter, slot, slot.IdFor(newsletter.Id), ranked);
        output.WriteLine(Invariant($"render: {ranked.Count} stories, HTML {digest.Html.Length / 1024} KB (inlined), text {digest.Text.Length / 1024} KB, {Environment.ProcessorCount} cores, {duration.TotalSeconds:F0} s per measurement"));

        var templates = services.GetRequiredService<Herald.Templates.TemplateCatalog>();
        var editions = Measure(duration, () => renderer.Render(newsletter, slot, "bench", ranked));
        var noInline = Measure(duration, () => renderer.RenderWithoutStylesheet(newsletter, slot, "bench", ranked));
        output.WriteLine(Invariant($"editions: {editions:F1}/s rendered and inlined; templates alone {noInline:F1}/s; inlining makes it {noInline / editions:F2} x slower"));

        var mail = services.GetRequiredService<DigestMail>();
        var edition = new Edition
        {
            Id = slot.IdFor(newsletter.Id), NewsletterId = newsletter.Id, Slot = slot.Key, SlotAt = slot.At, Date = slot.Date,
            WindowStart = at.AddDays(-1), WindowEnd = at, ArticleIds = [], Subject = "bench", Html = digest.Html, Text = digest.Text, BuiltAt = at,
        };
        var next = 0;
        var personalized = Measure(duration, () =>
        {
            var id = (next++).ToString("x32", CultureInfo.InvariantCulture);
            var recipient = mail.Recipient(newsletter, edition, new Recipient(id, $"reader{next}@bench.example", next % 3 == 0 ? "Ada" : null));
            return PersonalSlots.Fill(edition.Html, recipient.Values, html: true).Length + PersonalSlots.Fill(edition.Text, recipient.Values, html: false).Length;
        });
        var unsubscribe = PersonalSlots.Marker(PersonalSlot.UnsubscribeUrl);
        var preferences = PersonalSlots.Marker(PersonalSlot.PreferencesUrl);
        var replaced = Measure(duration, () =>
        {
            var link = "https://herald.bench.example/api/unsubscribe?token=" + (next++).ToString(CultureInfo.InvariantCulture);
            return edition.Html.Replace(unsubscribe, link, StringComparison.Ordinal).Replace(preferences, link, StringComparison.Ordinal).Length
                + edition.Text.Replace(unsubscribe, link, StringComparison.Ordinal).Replace(preferences, link, StringComparison.Ordinal).Length;
        });
        output.WriteLine(Invariant($"personalizations: {personalized:F0}/s (tokens, links, name, HTML and text filled); plain string.Replace of two links {replaced:F0}/s; {replaced / personalized:F2} x the baseline's time"));
        output.WriteLine(Invariant($"render: {editions:F1} editions/s, {personalized:F0} personalizations/s"));
        Directory.Delete(data, recursive: true);
        return 0;
    }

    /// <summary>Calls <paramref name="work"/> for <paramref name="duration"/> after a warm-up; returns calls per second.</summary>
    private static double Measure<T>(TimeSpan duration, Func<T> work)
    {
        var warm = Stopwatch.StartNew();
        while (warm.Elapsed < TimeSpan.FromSeconds(1))
        {
            GC.KeepAlive(work());
        }

        var calls = 0;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < duration)
        {
            GC.KeepAlive(work());
            calls++;
        }

        return calls / watch.Elapsed.TotalSeconds;
    }

    /// <summary>Twenty stories of made-up news, each about its own thing, with summaries and a few other outlets.</summary>
    private static List<Story> Stories(DateTimeOffset at)
    {
        var stories = new List<Story>();
        for (var i = 0; i < 20; i++)
        {
            var text = string.Join(" ", Enumerable.Range(0, 30).Select(n => $"Sentence {n} of story {i} says what happened in town {i} on the day of the vote, and why it matters to readers."));
            var article = new Article
            {
                Id = $"bench-{i:D2}", Url = $"https://bench.example/{i}", CanonicalUrl = $"https://bench.example/{i}",
                Title = $"Story {i}: lawmakers in town {i} weigh a plan that would change how the budget is written",
                Source = $"Bench Wire {i % 4}", Text = text, PublishedAt = at.AddMinutes(-30 * i), CollectedAt = at.AddMinutes(-20),
                Tags = [i % 3 == 0 ? "white-house" : "us-politics"],
                Summary = new ArticleSummary($"Lawmakers in town {i} weigh a budget plan.", string.Join(" ", text.Split(". ").Take(3)) + ".", "extractive", at),
                Sources = i % 4 == 0 ? [new ArticleSource("Other Wire", $"https://other.example/{i}")] : [],
            };
            stories.Add(new Story(article, [], article.Summary!.Short));
        }

        return stories;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
