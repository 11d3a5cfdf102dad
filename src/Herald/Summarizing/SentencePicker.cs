using Herald.Text;

namespace Herald.Summarizing;

/// <summary>
/// Herald's default summarizer: picks whole sentences and keeps their order.
/// Each sentence is scored by where it stands (news puts the essentials first), how central it is (how much of
/// the article's vocabulary it shares), and whether its length is that of an informative sentence; sentences that
/// repeat an already chosen one are skipped. Datelines and bylines are removed first.
/// </summary>
public static class SentencePicker
{
    /// <param name="leaveOut">Sentences never picked (a dek's restatements of the headline); when every sentence is left out, nothing is.</param>
    public static IReadOnlyList<string> Summarize(string text, SummaryBudget budget, SentencePickerSettings? settings = null, Func<string, bool>? leaveOut = null)
    {
        settings ??= SentencePickerSettings.Default;
        var sentences = SentenceSplitter.Split(NewsText.StripDatelines(text))
            .Select(NewsText.StripLeadIn)
            .Where(s => s.Length > 0 && !PromoLine.IsPromotional(s)) // a promotion left in the text never leads a summary
            .ToList();
        if (sentences.Count <= 1)
        {
            return sentences;
        }

        var terms = sentences.Select(TermVectors.Terms).ToList();
        var vectors = TermVectors.Weigh(terms);
        var centroid = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var vector in vectors)
        {
            foreach (var (term, weight) in vector)
            {
                centroid[term] = centroid.GetValueOrDefault(term) + weight;
            }
        }

        var centralities = settings.GraphCentrality ? GraphCentralities(vectors, settings.BackwardEdgeWeight) : [.. vectors.Select(v => TermVectors.Cosine(v, centroid))];
        var most = settings.RelativeCentrality ? Math.Max(centralities.Max(), 1e-9) : 1.0;
        var scores = new double[sentences.Count];
        for (var i = 0; i < sentences.Count; i++)
        {
            var words = Words.Count(sentences[i]);
            var position = 1.0 / Math.Pow(i + 1, settings.PositionDecay);
            var centrality = centralities[i] / most;
            var length = words < settings.ShortSentenceWords ? 0.3 : words > settings.LongSentenceWords ? 0.7 : 1.0;
            scores[i] = (settings.PositionWeight * position + (1 - settings.PositionWeight) * centrality) * length;
        }

        // Eligible: not left out, short enough to be used whole, and ending as a sentence does (not a heading or a list's
        // lead-in). When nothing is, the rules relax in that order.
        var kept = sentences.Select(s => leaveOut?.Invoke(s) != true).ToArray(); // asked once per sentence
        var eligible = Enumerable.Range(0, sentences.Count)
            .Select(i => kept[i] && Words.Count(sentences[i]) <= budget.MaxSentenceWords && NewsText.EndsLikeSentence(sentences[i]))
            .ToArray();
        if (!eligible.Contains(true))
        {
            eligible = [.. kept];
        }

        if (!eligible.Contains(true))
        {
            eligible = [.. Enumerable.Repeat(true, sentences.Count)];
        }

        var chosen = new List<int>();
        var totalWords = 0;
        foreach (var i in Enumerable.Range(0, sentences.Count).Where(i => eligible[i]).OrderByDescending(i => scores[i]).ThenBy(i => i))
        {
            if (chosen.Count >= budget.MaxSentences)
            {
                break;
            }

            if (chosen.Any(j => TermVectors.Cosine(vectors[i], vectors[j]) > settings.Redundancy))
            {
                continue; // says again what a chosen sentence says
            }

            var words = Words.Count(sentences[i]);
            if (chosen.Count > 0 && totalWords + words > budget.MaxWords)
            {
                continue;
            }

            chosen.Add(i);
            totalWords += words;
        }

        // A short summary needs its minimum even when the sentences are long: take the best remaining ones, eligible
        // first, then any whole sentence not left out.
        foreach (var i in Enumerable.Range(0, sentences.Count).Where(i => kept[i]).OrderBy(i => eligible[i] ? 0 : 1).ThenByDescending(i => scores[i]).ThenBy(i => i))
        {
            if (chosen.Count >= Math.Min(budget.MinSentences, budget.MaxSentences))
            {
                break;
            }

            if (!chosen.Contains(i) && chosen.All(j => TermVectors.Cosine(vectors[i], vectors[j]) <= settings.Redundancy))
            {
                chosen.Add(i);
            }
        }

        // A summary reads on its own: it does not open with "He said..." or "But..." unless the sentence before it is
        // kept too. Bring that sentence in when the budget allows; otherwise leave the dependent one out.
        for (var guard = 0; guard < sentences.Count && chosen.Count > 0; guard++)
        {
            var first = chosen.Min();
            if (first == 0 || !NewsText.DependsOnPrevious(sentences[first]) || chosen.Contains(first - 1))
            {
                break;
            }

            if (eligible[first - 1] && chosen.Count < budget.MaxSentences && totalWords + Words.Count(sentences[first - 1]) <= budget.MaxWords)
            {
                chosen.Add(first - 1);
                totalWords += Words.Count(sentences[first - 1]);
                continue;
            }

            chosen.Remove(first);
            totalWords -= Words.Count(sentences[first]);
            var next = Enumerable.Range(0, sentences.Count)
                .Where(i => eligible[i] && !chosen.Contains(i) && i != first && (i == 0 || !NewsText.DependsOnPrevious(sentences[i]) || chosen.Contains(i - 1)))
                .OrderByDescending(i => scores[i]).ThenBy(i => i)
                .Cast<int?>()
                .FirstOrDefault(i => chosen.All(j => TermVectors.Cosine(vectors[i!.Value], vectors[j]) <= settings.Redundancy));
            if (next is { } replacement)
            {
                chosen.Add(replacement);
                totalWords += Words.Count(sentences[replacement]);
            }
        }

        return [.. chosen.Order().Select(i => sentences[i])];
    }

    /// <summary>Directed degree in the sentence-similarity graph, shifted so the least central sentence scores 0.</summary>
    private static double[] GraphCentralities(List<Dictionary<string, double>> vectors, double backward)
    {
        var centrality = new double[vectors.Count];
        for (var i = 0; i < vectors.Count; i++)
        {
            for (var j = i + 1; j < vectors.Count; j++)
            {
                var similarity = TermVectors.Cosine(vectors[i], vectors[j]);
                centrality[i] += similarity;            // j comes later and echoes i
                centrality[j] += backward * similarity; // j repeats i, which came first
            }
        }

        var least = centrality.Min();
        return [.. centrality.Select(c => c - least)];
    }
}
