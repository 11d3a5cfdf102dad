using System.Text;
using Herald.Text;

namespace Herald.Bench.Evaluation;

/// <summary>
/// ROUGE as Google's rouge-score package computes it (use_stemmer=True): lowercase, every run of characters
/// outside [a-z0-9] separates tokens, tokens longer than 3 characters are Porter-stemmed (NLTK's rules);
/// ROUGE-Lsum takes one sentence per line and unions the LCS of each target sentence with every predicted one.
/// </summary>
public static class RougeScorer
{
    public static IReadOnlyList<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        foreach (var c in text.ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                current.Append(c);
            }
            else if (current.Length > 0)
            {
                tokens.Add(Finish(current));
            }
        }

        if (current.Length > 0)
        {
            tokens.Add(Finish(current));
        }

        return tokens;
    }

    /// <summary>Scores a prediction against a target; both are sentences separated by "\n" (used by ROUGE-Lsum only).</summary>
    public static RougeScores Score(string target, string prediction)
    {
        var t = Tokenize(target);
        var p = Tokenize(prediction);
        return new RougeScores(
            NGram(t, p, 1),
            NGram(t, p, 2),
            Lcs(t, p),
            SummaryLevelLcs(
                [.. target.Split('\n').Select(Tokenize).Where(s => s.Count > 0)],
                [.. prediction.Split('\n').Select(Tokenize).Where(s => s.Count > 0)]));
    }

    private static string Finish(StringBuilder token)
    {
        var word = token.ToString();
        token.Clear();
        return word.Length > 3 ? PorterStemmer.Stem(word) : word;
    }

    private static RougeScore NGram(IReadOnlyList<string> target, IReadOnlyList<string> prediction, int n)
    {
        var targetCounts = Counts(target, n);
        var predictionCounts = Counts(prediction, n);
        var hits = targetCounts.Sum(pair => predictionCounts.TryGetValue(pair.Key, out var count) ? Math.Min(count, pair.Value) : 0);
        return RougeScore.From(hits, Math.Max(0, prediction.Count - n + 1), Math.Max(0, target.Count - n + 1));
    }

    private static Dictionary<string, int> Counts(IReadOnlyList<string> tokens, int n)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i + n <= tokens.Count; i++)
        {
            var key = n == 1 ? tokens[i] : string.Join(' ', tokens.Skip(i).Take(n));
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        return counts;
    }

    private static RougeScore Lcs(IReadOnlyList<string> target, IReadOnlyList<string> prediction)
    {
        if (target.Count == 0 || prediction.Count == 0)
        {
            return new RougeScore(0, 0, 0);
        }

        var table = LcsTable(target, prediction);
        return RougeScore.From(table[target.Count, prediction.Count], prediction.Count, target.Count);
    }

    private static int[,] LcsTable(IReadOnlyList<string> reference, IReadOnlyList<string> candidate)
    {
        var table = new int[reference.Count + 1, candidate.Count + 1];
        for (var i = 1; i <= reference.Count; i++)
        {
            for (var j = 1; j <= candidate.Count; j++)
            {
                table[i, j] = reference[i - 1] == candidate[j - 1]
                    ? table[i - 1, j - 1] + 1
                    : Math.Max(table[i - 1, j], table[i, j - 1]);
            }
        }

        return table;
    }

    /// <summary>Indices into <paramref name="reference"/> of one LCS, found by rouge-score's own backtracking order.</summary>
    private static List<int> LcsIndices(IReadOnlyList<string> reference, IReadOnlyList<string> candidate)
    {
        var table = LcsTable(reference, candidate);
        var indices = new List<int>();
        int i = reference.Count, j = candidate.Count;
        while (i > 0 && j > 0)
        {
            if (reference[i - 1] == candidate[j - 1])
            {
                indices.Add(i - 1);
                i--;
                j--;
            }
            else if (table[i, j - 1] > table[i - 1, j])
            {
                j--;
            }
            else
            {
                i--;
            }
        }

        indices.Reverse();
        return indices;
    }

    private static RougeScore SummaryLevelLcs(List<IReadOnlyList<string>> target, List<IReadOnlyList<string>> prediction)
    {
        var m = target.Sum(s => s.Count);
        var n = prediction.Sum(s => s.Count);
        if (m == 0 || n == 0)
        {
            return new RougeScore(0, 0, 0);
        }

        var targetCounts = target.SelectMany(s => s).GroupBy(t => t, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var predictionCounts = prediction.SelectMany(s => s).GroupBy(t => t, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var hits = 0;
        foreach (var sentence in target)
        {
            var union = prediction.SelectMany(p => LcsIndices(sentence, p)).Distinct().Order();
            foreach (var index in union)
            {
                var token = sentence[index];
                if (targetCounts[token] > 0 && predictionCounts.GetValueOrDefault(token) > 0)
                {
                    hits++;
                    targetCounts[token]--;
                    predictionCounts[token]--;
                }
            }
        }

        return RougeScore.From(hits, n, m);
    }
}
