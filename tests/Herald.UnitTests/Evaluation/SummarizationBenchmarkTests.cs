using Herald.Bench.Evaluation;
using Herald.Summarizing;
using Herald.Testing;
using Herald.Text;

namespace Herald.UnitTests.Evaluation;

/// <summary>
/// The quality targets on the shared development sets (../shared/data), checked on every run: Herald's summaries
/// must score above the Lead baseline on ROUGE-1, ROUGE-2 and ROUGE-Lsum of each set. Scores are deterministic.
/// </summary>
public class SummarizationBenchmarkTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("realsumm-dev.jsonl", 3, 75, 41.06, 17.61, 37.17)]
    [InlineData("xsum-50.jsonl", 1, 75, 17.27, 1.60, 12.22)]
    public void Herald_beats_the_lead_baseline(string file, int sentences, int words, double leadRouge1, double leadRouge2, double leadRougeLsum)
    {
        var path = DevelopmentSets.PathOrSkip(file);

        double r1 = 0, r2 = 0, rl = 0, l1 = 0, l2 = 0, ll = 0;
        var count = 0;
        foreach (var line in File.ReadLines(path).Where(l => l.Length > 0))
        {
            using var document = System.Text.Json.JsonDocument.Parse(line);
            var article = document.RootElement.GetProperty("article").GetString()!;
            var reference = string.Join('\n', document.RootElement.GetProperty("summary").EnumerateArray().Select(s => s.GetString()));
            var ours = RougeScorer.Score(reference, string.Join('\n', SentencePicker.Summarize(article, new SummaryBudget(sentences, words), sentences == 1 ? SentencePickerSettings.Dek : null)));
            var lead = RougeScorer.Score(reference, string.Join('\n', SentenceSplitter.Split(article).Take(sentences)));
            (r1, r2, rl) = (r1 + ours.Rouge1.F1, r2 + ours.Rouge2.F1, rl + ours.RougeLsum.F1);
            (l1, l2, ll) = (l1 + lead.Rouge1.F1, l2 + lead.Rouge2.F1, ll + lead.RougeLsum.F1);
            count++;
        }

        (r1, r2, rl, l1, l2, ll) = (100 * r1 / count, 100 * r2 / count, 100 * rl / count, 100 * l1 / count, 100 * l2 / count, 100 * ll / count);
        output.WriteLine($"{file}: Herald {r1:F2}/{r2:F2}/{rl:F2}, Lead-{sentences} here {l1:F2}/{l2:F2}/{ll:F2}, published Lead {leadRouge1}/{leadRouge2}/{leadRougeLsum}");

        Assert.True(r1 > Math.Max(l1, leadRouge1), $"ROUGE-1 {r1:F2}");
        Assert.True(r2 > Math.Max(l2, leadRouge2), $"ROUGE-2 {r2:F2}");
        Assert.True(rl > Math.Max(ll, leadRougeLsum), $"ROUGE-Lsum {rl:F2}");
    }
}
