using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Herald.Articles;
using Herald.Editions.Stories;
using Herald.Local;
using Microsoft.Extensions.Logging.Abstractions;

namespace Herald.Bench.Editions;

/// <summary>
/// What grouping an edition's articles into stories costs, with the sentence-embedding model and without it (words
/// alone, the baseline), measured in the same run on the same articles: the labeled reports of the tests
/// (tests/Herald.Tests/Data/story-groups.json), repeated under new ids to the edition size asked for.
/// </summary>
public static class GroupingBenchmark
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record Report(string Event, string Source, string Title, string Text);

    public static int Run(int size, int rounds, TextWriter output)
    {
        var file = Path.Combine(HeraldPaths.Home(), "tests", "Herald.Tests", "Data", "story-groups.json");
        var reports = JsonSerializer.Deserialize<List<Report>>(File.ReadAllText(file), Json)!;
        var now = DateTimeOffset.UtcNow;
        var articles = Enumerable.Range(0, size).Select(i => reports[i % reports.Count]).Select((r, i) => new Article
        {
            Id = "a" + i.ToString(CultureInfo.InvariantCulture),
            Url = $"https://news.example/{i}",
            CanonicalUrl = $"https://news.example/{i}",
            Title = r.Title + (i >= reports.Count ? $" ({i / reports.Count})" : ""),
            Source = r.Source,
            Text = r.Text,
            CollectedAt = now,
        }).ToList();

        var load = Stopwatch.StartNew();
        using var embeddings = new StoryEmbeddings(NullLogger<StoryEmbeddings>.Instance);
        embeddings.Embed(["warm up"]);
        load.Stop();
        var afterLoad = Process.GetCurrentProcess().WorkingSet64;

        StoryGrouper.Group(articles); // warm up the words-alone path too
        var words = Median(rounds, () => StoryGrouper.Group(articles));
        var both = Median(rounds, () => StoryGrouper.Group(articles, embeddings));
        output.WriteLine($"grouping {size} articles ({reports.Count} labeled reports repeated), {Environment.ProcessorCount} cores, median of {rounds} rounds");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"model load (once per process): {load.Elapsed.TotalMilliseconds:F0} ms; working set after it {afterLoad / 1024 / 1024} MB"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"words alone (baseline):   {words:F1} ms ({words / size:F2} ms an article)"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"words and embeddings:     {both:F1} ms ({both / size:F2} ms an article); {both / words:F1}x the baseline"));
        return 0;
    }

    private static double Median(int rounds, Action action)
    {
        var times = new List<double>();
        for (var r = 0; r < rounds; r++)
        {
            var watch = Stopwatch.StartNew();
            action();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return times[times.Count / 2];
    }
}
