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
        var sentences = Sentences(text);
        if (sentences.Count <= 1)
        {
            return sentences;
        }

        var vectors = TermVectors.Weigh([.. sentences.Select(TermVectors.Terms)]);
        var scores = Scores(sentences, vectors, settings);
        var kept = sentences.Select(s => leaveOut?.Invoke(s) != true).ToArray(); // asked once per sentence
        var eligible = Eligible(sentences, kept, budget);
        var chosen = new Choice(sentences, vectors, settings.Redundancy);
        Choose(chosen, eligible, scores, budget);
        FillMinimum(chosen, kept, eligible, scores, budget);
        MendOpener(chosen, eligible, scores, budget);
        return [.. chosen.Indexes.Order().Select(i => sentences[i])];
    }

    /// <summary>The article's sentences without datelines, lead-ins and promotions (a promotion left in the text never leads a summary).</summary>
    private static List<string> Sentences(string text) =>
        [.. SentenceSplitter.Split(NewsText.StripDatelines(text))
            .Select(NewsText.StripLeadIn)
            .Where(s => s.Length > 0 && !PromoLine.IsPromotional(s))];

    /// <summary>Each sentence's score: where it stands and how central it is, weighed by the settings, damped when it is very short or very long.</summary>
    private static double[] Scores(List<string> sentences, List<Dictionary<string, double>> vectors, SentencePickerSettings settings)
    {
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

        return scores;
    }

    /// <summary>
    /// Sentences that may be picked: not left out, short enough to be used whole, and ending as a sentence does (not a
    /// heading or a list's lead-in). When nothing is, the rules relax in that order.
    /// </summary>
    private static bool[] Eligible(List<string> sentences, bool[] kept, SummaryBudget budget)
    {
        var eligible = Enumerable.Range(0, sentences.Count)
            .Select(i => kept[i] && Words.Count(sentences[i]) <= budget.MaxSentenceWords && NewsText.EndsLikeSentence(sentences[i]))
            .ToArray();
        if (!eligible.Contains(true))
        {
            eligible = [.. kept];
        }

        return eligible.Contains(true) ? eligible : [.. Enumerable.Repeat(true, sentences.Count)];
    }

    /// <summary>The best-scoring eligible sentences that say something new, within the sentence and word budgets.</summary>
    private static void Choose(Choice chosen, bool[] eligible, double[] scores, SummaryBudget budget)
    {
        foreach (var i in Enumerable.Range(0, eligible.Length).Where(i => eligible[i]).OrderByDescending(i => scores[i]).ThenBy(i => i))
        {
            if (chosen.Count >= budget.MaxSentences)
            {
                break;
            }

            if (!chosen.IsNew(i))
            {
                continue; // says again what a chosen sentence says
            }

            if (chosen.Count > 0 && chosen.Words + chosen.WordsOf(i) > budget.MaxWords)
            {
                continue;
            }

            chosen.Add(i);
        }
    }

    /// <summary>
    /// A short summary needs its minimum even when the sentences are long: the best remaining ones, eligible first, then
    /// any whole sentence not left out.
    /// </summary>
    private static void FillMinimum(Choice chosen, bool[] kept, bool[] eligible, double[] scores, SummaryBudget budget)
    {
        foreach (var i in Enumerable.Range(0, kept.Length).Where(i => kept[i]).OrderBy(i => eligible[i] ? 0 : 1).ThenByDescending(i => scores[i]).ThenBy(i => i))
        {
            if (chosen.Count >= Math.Min(budget.MinSentences, budget.MaxSentences))
            {
                break;
            }

            if (!chosen.Contains(i) && chosen.IsNew(i))
            {
                chosen.Add(i, countWords: false);
            }
        }
    }

    /// <summary>
    /// A summary reads on its own: it does not open with "He said..." or "But..." unless the sentence before it is kept
    /// too. That sentence comes in when the budget allows; otherwise the dependent one goes, and the best eligible
    /// sentence that stands on its own takes its place.
    /// </summary>
    private static void MendOpener(Choice chosen, bool[] eligible, double[] scores, SummaryBudget budget)
    {
        var sentences = chosen.Sentences;
        for (var guard = 0; guard < sentences.Count && chosen.Count > 0; guard++)
        {
            var first = chosen.Indexes.Min();
            if (first == 0 || !NewsText.DependsOnPrevious(sentences[first]) || chosen.Contains(first - 1))
            {
                break;
            }

            if (eligible[first - 1] && chosen.Count < budget.MaxSentences && chosen.Words + chosen.WordsOf(first - 1) <= budget.MaxWords)
            {
                chosen.Add(first - 1);
                continue;
            }

            chosen.Remove(first);
            var next = Enumerable.Range(0, sentences.Count)
                .Where(i => eligible[i] && !chosen.Contains(i) && i != first && (i == 0 || !NewsText.DependsOnPrevious(sentences[i]) || chosen.Contains(i - 1)))
                .OrderByDescending(i => scores[i]).ThenBy(i => i)
                .Cast<int?>()
                .FirstOrDefault(i => chosen.IsNew(i!.Value));
            if (next is { } replacement)
            {
                chosen.Add(replacement);
            }
        }
    }

    /// <summary>The sentences picked so far and their words: what the budget and the redundancy rule are checked against.</summary>
    private sealed class Choice(List<string> sentences, List<Dictionary<string, double>> vectors, double redundancy)
    {
        private readonly List<int> _indexes = [];

        public List<string> Sentences => sentences;

        public IReadOnlyList<int> Indexes => _indexes;

        public int Count => _indexes.Count;

        /// <summary>Words of the sentences counted against the budget (the minimum's fill-ins are not).</summary>
        public int Words { get; private set; }

        public int WordsOf(int index) => Text.Words.Count(sentences[index]);

        public bool Contains(int index) => _indexes.Contains(index);

        /// <summary>False when the sentence says again what a chosen one says.</summary>
        public bool IsNew(int index) => _indexes.All(j => TermVectors.Cosine(vectors[index], vectors[j]) <= redundancy);

        public void Add(int index, bool countWords = true)
        {
            _indexes.Add(index);
            if (countWords)
            {
                Words += WordsOf(index);
            }
        }

        public void Remove(int index)
        {
            _indexes.Remove(index);
            Words -= WordsOf(index);
        }
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
