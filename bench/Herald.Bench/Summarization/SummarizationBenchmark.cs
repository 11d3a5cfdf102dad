using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Herald.Bench.Baselines;
using Herald.Bench.Evaluation;
using Herald.Summarizing;

namespace Herald.Bench.Summarization;

/// <summary>
/// Scores Lead-N, TextRank and Herald's extractive summarizer on one JSONL set in one run, with the rouge-score
/// rules (RougeScorer), and times each per article. N is the number of reference sentences the set calls for.
/// </summary>
public static class SummarizationBenchmark
{
    private static readonly JsonSerializerOptions OutputJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private sealed record Method(string Name, Func<string, IReadOnlyList<string>> Summarize);

    public static int Run(string dataPath, int sentences, int words, string? outPath, TextWriter output, SentencePickerSettings? settings = null)
    {
        var set = BenchmarkSet.Load(dataPath);
        var budget = new SummaryBudget(sentences, words);
        Method[] methods =
        [
            new($"Lead-{sentences}", text => LeadBaseline.Summarize(text, sentences)),
            new("TextRank", text => TextRankBaseline.Summarize(text, sentences)),
            new("Herald", text => SentencePicker.Summarize(text, budget, settings)),
        ];

        output.WriteLine($"{Path.GetFileName(dataPath)}: {set.Count} articles, {sentences} sentences / {words} words per summary");
        output.WriteLine($"{"method",-10} {"ROUGE-1",8} {"ROUGE-2",8} {"ROUGE-Lsum",10} {"ms/article (median)",20}");
        Dictionary<string, IReadOnlyList<string>>? ours = null;
        var perArticle = new Dictionary<string, double[][]>(StringComparer.Ordinal);
        foreach (var method in methods)
        {
            // Warm up once so the first timed article does not pay for JIT compilation.
            method.Summarize(set[0].Article);
            double r1 = 0, r2 = 0, rl = 0;
            var times = new List<double>(set.Count);
            var summaries = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            var scores = new double[3][];
            for (var m = 0; m < 3; m++)
            {
                scores[m] = new double[set.Count];
            }

            var index = 0;
            foreach (var article in set)
            {
                var watch = Stopwatch.StartNew();
                var summary = method.Summarize(article.Article);
                times.Add(watch.Elapsed.TotalMilliseconds);
                summaries[article.Id] = summary;
                var score = RougeScorer.Score(string.Join('\n', article.Summary), string.Join('\n', summary));
                r1 += score.Rouge1.F1;
                r2 += score.Rouge2.F1;
                rl += score.RougeLsum.F1;
                (scores[0][index], scores[1][index], scores[2][index]) = (score.Rouge1.F1, score.Rouge2.F1, score.RougeLsum.F1);
                index++;
            }

            times.Sort();
            var averageWords = summaries.Values.Average(s => s.Sum(x => x.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{method.Name,-10} {100 * r1 / set.Count,8:F2} {100 * r2 / set.Count,8:F2} {100 * rl / set.Count,10:F2} {times[times.Count / 2],20:F3} {averageWords,8:F1} words"));
            perArticle[method.Name] = scores;
            if (method.Name == "Herald")
            {
                ours = summaries;
            }
        }

        var lead = perArticle[methods[0].Name];
        var herald = perArticle["Herald"];
        string[] names = ["ROUGE-1", "ROUGE-2", "ROUGE-Lsum"];
        for (var m = 0; m < 3; m++)
        {
            var wins = herald[m].Zip(lead[m]).Count(p => p.First > p.Second + 1e-12);
            var losses = herald[m].Zip(lead[m]).Count(p => p.First < p.Second - 1e-12);
            output.WriteLine($"Herald - {methods[0].Name} {names[m],-10} {PairedBootstrap.Describe(herald[m], lead[m])}; better on {wins}, worse on {losses}, equal on {set.Count - wins - losses} articles");
        }

        if (outPath is not null && ours is not null)
        {
            using var writer = new StreamWriter(outPath);
            foreach (var article in set)
            {
                writer.WriteLine(JsonSerializer.Serialize(new { id = article.Id, summary = ours[article.Id] }, OutputJson));
            }

            output.WriteLine($"Herald's summaries: {outPath}");
        }

        return 0;
    }
}
