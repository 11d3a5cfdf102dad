using System.Text.Json;
using Herald.Articles;
using Herald.Summarizing;
using Herald.Tests.Infrastructure;
using Herald.Text;

namespace Herald.Tests.Summarizing;

/// <summary>
/// Differently-worded reports of the same events (Data/story-groups.json: 4 events reported two or three times, plus
/// 7 single stories, some sharing words like "White House", "Senate confirms" or "holiday" with the others) must be grouped by event.
/// Quality is pairwise: precision = pairs put together that belong together, recall = pairs belonging together that were put together.
/// </summary>
public class StoryGrouperTests(ITestOutputHelper output)
{
    private sealed record Report(string Event, string Source, string Title, string Text);

    [Fact]
    public void Groups_reports_of_the_same_event_and_nothing_else()
    {
        var (articles, events) = Load();

        var stories = StoryGrouper.Group(articles);

        var predicted = new Dictionary<string, int>();
        for (var s = 0; s < stories.Count; s++)
        {
            foreach (var article in stories[s].AlsoReported.Prepend(stories[s].Lead))
            {
                predicted[article.Id] = s;
            }
        }

        int truePairs = 0, predictedPairs = 0, correct = 0;
        for (var i = 0; i < articles.Count; i++)
        {
            for (var j = i + 1; j < articles.Count; j++)
            {
                var same = events[articles[i].Id] == events[articles[j].Id];
                var together = predicted[articles[i].Id] == predicted[articles[j].Id];
                truePairs += same ? 1 : 0;
                predictedPairs += together ? 1 : 0;
                correct += same && together ? 1 : 0;
            }
        }

        var precision = predictedPairs == 0 ? 1 : (double)correct / predictedPairs;
        var recall = (double)correct / truePairs;
        output.WriteLine($"{articles.Count} articles, {events.Values.Distinct().Count()} events, {stories.Count} stories; pairwise precision {precision:F2} ({correct}/{predictedPairs}), recall {recall:F2} ({correct}/{truePairs})");
        foreach (var story in stories)
        {
            output.WriteLine($"  {story.Lead.Title} [{story.Lead.Source}] + {string.Join(", ", story.AlsoReported.Select(a => a.Source))}");
        }

        Assert.Equal(1.0, precision);
        Assert.Equal(1.0, recall);
        Assert.Equal(11, stories.Count);
        Assert.Equal(11, events.Values.Distinct().Count());
    }

    [Fact]
    public void A_merged_summary_adds_only_new_facts_and_names_the_other_sources()
    {
        var (articles, _) = Load();

        var shutdown = StoryGrouper.Group(articles).Single(s => s.AlsoReported.Count == 2);

        Assert.Equal(["Beltway Brief", "Capitol Wire", "Policy Desk"], shutdown.AlsoReported.Select(a => a.Source).Append(shutdown.Lead.Source).Order(StringComparer.Ordinal));
        var sentences = SentenceSplitter.Split(shutdown.Summary);
        Assert.True(sentences.Count <= StoryGrouper.MergedBudget.MaxSentences);
        Assert.Single(sentences, s => s.Contains("$4.2bn", StringComparison.Ordinal)); // the shared fact, told once
    }

    [Fact]
    public void A_single_article_is_its_own_story()
    {
        var (articles, _) = Load();

        var story = Assert.Single(StoryGrouper.Group([articles[^1]]));

        Assert.Empty(story.AlsoReported);
        Assert.Equal(articles[^1].Summary!.Short, story.Summary);
    }

    private static (List<Article> Articles, Dictionary<string, string> Events) Load()
    {
        var reports = JsonSerializer.Deserialize<List<Report>>(File.ReadAllText(RepositoryPaths.Data("story-groups.json")), new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        var articles = new List<Article>();
        var events = new Dictionary<string, string>();
        for (var i = 0; i < reports.Count; i++)
        {
            var article = new Article
            {
                Id = $"a{i}",
                Url = $"https://news.example/{i}",
                CanonicalUrl = $"https://news.example/{i}",
                Title = reports[i].Title,
                Source = reports[i].Source,
                Text = reports[i].Text,
                CollectedAt = TestHerald.SampleNow,
                PublishedAt = TestHerald.SampleNow.AddMinutes(-i),
            };
            articles.Add(article with { Summary = ExtractiveSummarizer.Summarize(article, TestHerald.SampleNow) });
            events[article.Id] = reports[i].Event;
        }

        return (articles, events);
    }
}
