using Herald.Summarizing;
using Herald.Testing;
using Herald.Text;

namespace Herald.UnitTests.Evaluation;

/// <summary>
/// Summaries that read on their own: over both shared development sets, how many summaries (3 sentences) and deks
/// (1 sentence) open with a sentence that leans on one the reader was not given ("He said...", "But...", a quote
/// with no speaker). The first sentence of an article may open (nothing came before it).
/// </summary>
public class SummaryOpenerTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("realsumm-dev.jsonl", 3)]
    [InlineData("realsumm-dev.jsonl", 1)]
    [InlineData("xsum-50.jsonl", 3)]
    [InlineData("xsum-50.jsonl", 1)]
    public void No_summary_opens_with_a_sentence_that_depends_on_one_left_out(string file, int sentences)
    {
        var path = DevelopmentSets.PathOrSkip(file);

        var dangling = new List<string>();
        var count = 0;
        foreach (var line in File.ReadLines(path).Where(l => l.Length > 0))
        {
            using var document = System.Text.Json.JsonDocument.Parse(line);
            var article = document.RootElement.GetProperty("article").GetString()!;
            var summary = SentencePicker.Summarize(article, new SummaryBudget(sentences, 75), sentences == 1 ? SentencePickerSettings.Dek : null);
            var all = SentenceSplitter.Split(NewsText.StripDatelines(article)).Select(NewsText.StripLeadIn).ToList();
            count++;
            if (summary.Count > 0 && NewsText.DependsOnPrevious(summary[0]) && all.IndexOf(summary[0]) > 0)
            {
                dangling.Add(summary[0]);
            }
        }

        output.WriteLine($"{file}, {sentences} sentences: {dangling.Count} of {count} summaries open with a dependent sentence");
        foreach (var opener in dangling.Take(10))
        {
            output.WriteLine("  " + (opener.Length > 120 ? opener[..120] : opener));
        }

        Assert.Empty(dangling);
    }
}
