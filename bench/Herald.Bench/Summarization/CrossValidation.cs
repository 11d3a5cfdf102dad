using System.Globalization;
using Herald.Bench.Baselines;
using Herald.Bench.Evaluation;
using Herald.Summarizing;

namespace Herald.Bench.Summarization;

/// <summary>
/// Two-fold cross-validation of the summarizer's settings across the two development sets: for the dek (1 sentence)
/// and the summary (3 sentences) separately, every setting on a grid is scored on both sets; the one that scores best
/// on one set is reported on the other, against Lead-N, TextRank and the previous settings, with paired-bootstrap
/// intervals. Then what Herald uses for each, on both sets.
/// </summary>
public static class CrossValidation
{
    private sealed record Candidate(string Name, SentencePickerSettings Settings);

    private sealed record Target(string Name, int Sentences, int Words);

    public static int Run(string firstPath, string secondPath, TextWriter output, bool verbose = false)
    {
        var sets = new[] { firstPath, secondPath }.Select(path => (Name: Path.GetFileNameWithoutExtension(path), Articles: BenchmarkSet.Load(path))).ToList();
        var candidates = Grid();
        output.WriteLine($"{candidates.Count} settings on the grid; sets: {string.Join(", ", sets.Select(s => $"{s.Name} ({s.Articles.Count})"))}");
        foreach (var target in new[] { new Target("dek", 1, 75), new Target("summary", 3, 75) })
        {
            output.WriteLine();
            output.WriteLine($"== {target.Name}: {target.Sentences} sentence(s), {target.Words} words");

            // scores[set][method] = per-article (R1, R2, RLsum) F1
            var scores = sets.Select(set =>
            {
                var byMethod = new Dictionary<string, double[][]>(StringComparer.Ordinal)
                {
                    [$"Lead-{target.Sentences}"] = Score(set.Articles, text => LeadBaseline.Summarize(text, target.Sentences)),
                    ["TextRank"] = Score(set.Articles, text => TextRankBaseline.Summarize(text, target.Sentences)),
                };
                foreach (var candidate in candidates)
                {
                    byMethod[candidate.Name] = Score(set.Articles, text => SentencePicker.Summarize(text, new SummaryBudget(target.Sentences, target.Words), candidate.Settings));
                }

                return byMethod;
            }).ToList();

            for (var tune = 0; tune < sets.Count; tune++)
            {
                var test = 1 - tune;
                if (verbose)
                {
                    foreach (var c in candidates.OrderByDescending(c => Mean(scores[tune][c.Name])).Take(8))
                    {
                        output.WriteLine($"  top on {sets[tune].Name}: {c.Name}: {Format(scores[tune][c.Name])} | {sets[test].Name} {Format(scores[test][c.Name])}");
                    }
                }

                var best = candidates.MaxBy(c => Mean(scores[tune][c.Name]))!;
                output.WriteLine($"chosen on {sets[tune].Name}: {best.Name} (there {Format(scores[tune][best.Name])}); on {sets[test].Name}, not used to choose it:");
                foreach (var method in new[] { $"Lead-{target.Sentences}", "TextRank", candidates[0].Name, best.Name }.Distinct())
                {
                    output.WriteLine($"  {(method == best.Name ? "chosen" : method == candidates[0].Name ? "previous" : method),-9} {Format(scores[test][method])}");
                }

                foreach (var baseline in new[] { $"Lead-{target.Sentences}", "TextRank" })
                {
                    output.WriteLine($"  chosen - {baseline} ROUGE-1 {PairedBootstrap.Describe(scores[test][best.Name][0], scores[test][baseline][0])}");
                }
            }

            // What ships: each output's settings chosen on the set whose references it imitates (the dek: XSum's one
            // sentence; the summary: realsumm's three-sentence highlights), so the other set is its held-out check.
            var shipped = target.Sentences == 1 ? SentencePickerSettings.Dek : SentencePickerSettings.Default;
            output.WriteLine($"what Herald uses for the {target.Name}: {Describe(shipped)}");
            for (var set = 0; set < sets.Count; set++)
            {
                var ours = Score(sets[set].Articles, text => SentencePicker.Summarize(text, new SummaryBudget(target.Sentences, target.Words), shipped));
                output.WriteLine($"  {sets[set].Name,-14} {Format(ours)}   (previous {Format(scores[set][candidates[0].Name])})");
                foreach (var baseline in new[] { $"Lead-{target.Sentences}", "TextRank" })
                {
                    output.WriteLine($"    - {baseline} ROUGE-1 {PairedBootstrap.Describe(ours[0], scores[set][baseline][0])}");
                }
            }
        }

        return 0;
    }

    /// <summary>The settings both the dek and the summary used before this evaluation: the reference row.</summary>
    private static readonly SentencePickerSettings Previous = new() { PositionWeight = 0.5, PositionDecay = 0.5, Redundancy = 0.5 };

    /// <summary>The previous settings first, then the grid: position weight and decay, centroid or graph centrality, redundancy.</summary>
    private static List<Candidate> Grid()
    {
        var list = new List<Candidate> { new("previous", Previous) };
        foreach (var weight in new[] { 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7 })
        {
            foreach (var decay in new[] { 0.5, 1.0 })
            {
                foreach (var (graph, backward) in new[] { (false, 1.0), (true, 1.0), (true, 0.0), (true, -0.5) })
                {
                    foreach (var redundancy in new[] { 0.4, 0.6 })
                    {
                        var settings = SentencePickerSettings.Default with { PositionWeight = weight, PositionDecay = decay, GraphCentrality = graph, BackwardEdgeWeight = backward, Redundancy = redundancy };
                        list.Add(new(Describe(settings), settings));
                    }
                }
            }
        }

        return list;
    }

    private static string Describe(SentencePickerSettings s) => string.Create(CultureInfo.InvariantCulture,
        $"PositionWeight={s.PositionWeight},PositionDecay={s.PositionDecay},GraphCentrality={s.GraphCentrality},BackwardEdgeWeight={s.BackwardEdgeWeight},Redundancy={s.Redundancy}");

    private static double[][] Score(List<BenchmarkArticle> articles, Func<string, IReadOnlyList<string>> summarize)
    {
        var scores = new[] { new double[articles.Count], new double[articles.Count], new double[articles.Count] };
        for (var i = 0; i < articles.Count; i++)
        {
            var score = RougeScorer.Score(string.Join('\n', articles[i].Summary), string.Join('\n', summarize(articles[i].Article)));
            (scores[0][i], scores[1][i], scores[2][i]) = (score.Rouge1.F1, score.Rouge2.F1, score.RougeLsum.F1);
        }

        return scores;
    }

    private static double Mean(double[][] scores) => (scores[0].Average() + scores[1].Average() + scores[2].Average()) / 3;

    private static string Format(double[][] scores) => string.Create(CultureInfo.InvariantCulture, $"{100 * scores[0].Average():F2} / {100 * scores[1].Average():F2} / {100 * scores[2].Average():F2}");
}
