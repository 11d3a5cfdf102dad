using Herald.Text;

namespace Herald.Bench.Baselines;

/// <summary>
/// TextRank (Mihalcea and Tarau, 2004) with tf-idf cosine edges, as in the published CNN/DM comparisons:
/// PageRank over the sentence similarity graph, the N highest-ranked sentences in document order.
/// </summary>
public static class TextRankBaseline
{
    public static IReadOnlyList<string> Summarize(string text, int count)
    {
        var sentences = SentenceSplitter.Split(text);
        if (sentences.Count <= count)
        {
            return sentences;
        }

        var vectors = TermVectors.Build(sentences);
        var n = sentences.Count;
        var weights = new double[n, n];
        var outgoing = new double[n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                if (i != j)
                {
                    weights[i, j] = TermVectors.Cosine(vectors[i], vectors[j]);
                    outgoing[i] += weights[i, j];
                }
            }
        }

        var rank = Enumerable.Repeat(1.0 / n, n).ToArray();
        for (var iteration = 0; iteration < 50; iteration++)
        {
            var next = new double[n];
            for (var j = 0; j < n; j++)
            {
                double sum = 0;
                for (var i = 0; i < n; i++)
                {
                    if (outgoing[i] > 0)
                    {
                        sum += weights[i, j] / outgoing[i] * rank[i];
                    }
                }

                next[j] = 0.15 / n + 0.85 * sum;
            }

            rank = next;
        }

        return [.. Enumerable.Range(0, n).OrderByDescending(i => rank[i]).Take(count).Order().Select(i => sentences[i])];
    }
}
