using Herald.Articles;
using Herald.Local;
using Herald.Summarizing;
using Herald.Testing;

namespace Herald.Tests.Evaluation;

/// <summary>
/// How the deks and summaries that go out read, as rates: over both shared development sets (no headlines there)
/// the sample newsletter's stories and the golden extraction pages (with headlines), each dek and each short summary checked for the faults in
/// <see cref="ReadabilityCheck"/>. Every rate must be zero.
/// </summary>
public class SummaryReadabilityTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    [Theory]
    [InlineData("realsumm-dev.jsonl")]
    [InlineData("xsum-50.jsonl")]
    public void Deks_and_summaries_of_the_development_sets_read_on_their_own(string file)
    {
        var articles = DevelopmentSets.Articles(file).Select(text => (Title: (string?)null, Text: text)).ToList();

        Report(file, articles);
    }

    [Fact]
    public async Task Deks_and_summaries_of_the_sample_newsletter_read_on_their_own()
    {
        await using var herald = await TestHerald.StartAsync(azurite);
        var ct = TestContext.Current.CancellationToken;
        await new LocalPipeline(herald.Host).RunAsync(ct);
        var store = herald.Get<ArticleStore>();
        var articles = new List<(string? Title, string Text)>();
        foreach (var entry in await store.ListCollectedAsync(TestHerald.SampleNow.AddDays(-3), TestHerald.SampleNow.AddDays(1), ct))
        {
            var article = (await store.GetAsync(entry.BlobName, ct))!.Value.Article;
            articles.Add((article.Title, article.Text));
            Assert.Equal(ExtractiveSummarizer.Summarize(article, TestHerald.SampleNow).Dek, article.Summary!.Dek); // what was stored is what is checked
        }

        Assert.Equal(15, articles.Count);
        Report("sample newsletter", articles);
    }

    [Fact]
    public void Deks_and_summaries_of_the_golden_pages_read_on_their_own()
    {
        var pages = Directory.GetFiles(RepositoryPaths.Golden("extraction"), "*.html").Order(StringComparer.Ordinal).ToList();
        var articles = pages.Select(file => Herald.Collecting.PageExtractor.Extract(File.ReadAllText(file), new Uri("https://news.example/" + Path.GetFileNameWithoutExtension(file))))
            .Select(page => ((string?)page.Title, page.Text)).ToList();

        Assert.True(articles.Count >= 7, $"{articles.Count} golden pages");
        Report("golden extraction pages", articles);
    }

    private void Report(string set, List<(string? Title, string Text)> articles)
    {
        var faults = new List<(string Kind, string Fault, string Text)>();
        foreach (var (title, text) in articles)
        {
            var summary = ExtractiveSummarizer.Summarize(new Article { Id = "a", Url = "https://example.com/a", CanonicalUrl = "https://example.com/a", Title = title ?? "", CollectedAt = TestHerald.SampleNow, Source = "test", Text = text }, TestHerald.SampleNow);
            faults.AddRange(ReadabilityCheck.Faults([summary.Dek], text, title).Select(f => ("dek", f, summary.Dek)));
            var sentences = SentencesOf(summary.Short, text);
            faults.AddRange(ReadabilityCheck.Faults(sentences, text).Select(f => ("summary", f, summary.Short)));
            if (string.Join(' ', sentences) != summary.Short)
            {
                faults.Add(("summary", ReadabilityCheck.Cut + " (not the article's sentences put together)", summary.Short));
            }
        }

        foreach (var kind in new[] { "dek", "summary" })
        {
            output.WriteLine($"{set}, {kind}s of {articles.Count} articles: " + string.Join("; ", ReadabilityCheck.All
                .Where(f => kind == "dek" || f != ReadabilityCheck.Restated)
                .Where(f => f != ReadabilityCheck.Restated || articles.Any(a => a.Title is not null))
                .Select(f => $"{f} {faults.Count(x => x.Kind == kind && x.Fault.StartsWith(f, StringComparison.Ordinal))}")));
        }

        foreach (var (kind, fault, text) in faults.Take(10))
        {
            output.WriteLine($"  {kind}, {fault}: {(text.Length > 160 ? text[..160] : text)}");
        }

        Assert.Empty(faults);
    }

    /// <summary>The summary's sentences as the picker chose them: the article's own sentences, found in order.</summary>
    private static List<string> SentencesOf(string summary, string article) =>
        [.. SentencePicker.Summarize(article, ExtractiveSummarizer.Short).Where(s => summary.Contains(s, StringComparison.Ordinal))];
}
