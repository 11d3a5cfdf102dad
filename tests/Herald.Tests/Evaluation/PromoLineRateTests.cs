using Herald.Tests.Infrastructure;
using Herald.Text;

namespace Herald.Tests.Evaluation;

/// <summary>
/// How often the promotion filter fires on news it was not written for: every sentence of both shared development
/// sets (CNN/DailyMail and BBC articles), where a flagged sentence is either a real promotion the publisher left in
/// the text or a sentence of news wrongly taken for one. The flagged ones are printed for a person to judge.
/// </summary>
public class PromoLineRateTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("realsumm-dev.jsonl")]
    [InlineData("xsum-50.jsonl")]
    public void The_filter_flags_almost_no_sentence_of_real_news(string file)
    {
        var path = RepositoryPaths.Shared is { } shared ? Path.Combine(shared, "data", file) : null;
        if (path is null || !File.Exists(path))
        {
            Assert.Skip($"../shared/data/{file} is not here; this check runs where the shared development sets are (CI has them).");
        }

        var sentences = File.ReadLines(path).Where(l => l.Length > 0)
            .SelectMany(l =>
            {
                using var document = System.Text.Json.JsonDocument.Parse(l);
                return SentenceSplitter.Split(document.RootElement.GetProperty("article").GetString()!);
            })
            .ToList();
        var flagged = sentences.Where(PromoLine.IsPromotional).ToList();

        output.WriteLine($"{file}: {flagged.Count} of {sentences.Count} sentences flagged ({100.0 * flagged.Count / sentences.Count:F2}%)");
        foreach (var sentence in flagged)
        {
            output.WriteLine("  " + sentence);
        }

        Assert.True(flagged.Count * 200 <= sentences.Count, $"{flagged.Count} of {sentences.Count} sentences flagged, more than 0.5%");
    }
}
