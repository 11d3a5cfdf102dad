using Herald.Testing;
using Herald.Text;

namespace Herald.UnitTests.Evaluation;

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
        var sentences = DevelopmentSets.Articles(file).SelectMany(SentenceSplitter.Split).ToList();
        var flagged = sentences.Where(PromoLine.IsPromotional).ToList();

        output.WriteLine($"{file}: {flagged.Count} of {sentences.Count} sentences flagged ({100.0 * flagged.Count / sentences.Count:F2}%)");
        foreach (var sentence in flagged)
        {
            output.WriteLine("  " + sentence);
        }

        Assert.True(flagged.Count * 200 <= sentences.Count, $"{flagged.Count} of {sentences.Count} sentences flagged, more than 0.5%");
    }
}
