using Herald.Articles;
using Herald.Summarizing;
using Herald.Text;

namespace Herald.Editions.Stories;

/// <summary>
/// Groups articles about the same event, whatever their wording: average-link clustering, merging while two groups
/// are on average at least the threshold similar. Similarity is half words — tf-idf over the articles being grouped
/// of their titles and opening sentences, figures counted as single terms — and half meaning: the cosine of the
/// sentence embeddings of headline and first sentence (<see cref="StoryEmbeddings"/>), which sees paraphrase. A group's representative is its most central article; its
/// summary is the representative's, extended only by sentences from the other reports that add something new
/// (not their opening sentence, which restates the event; not similar in wording to a chosen sentence; and not
/// quoting the same figure).
/// </summary>
public static partial class StoryGrouper
{
    /// <summary>Average similarity at which groups merge when only words are compared.</summary>
    public const double Threshold = 0.2;

    /// <summary>The same, when similarity is half words and half sentence embeddings (chosen on the labeled set; see README).</summary>
    public const double CombinedThreshold = 0.26;
    public const int LeadSentences = 3;
    public const double NoveltyLimit = 0.35;
    public static readonly SummaryBudget MergedBudget = new(5, 120);

    public static IReadOnlyList<Story> Group(IReadOnlyList<Article> articles, StoryEmbeddings? embeddings = null)
    {
        if (articles.Count == 0)
        {
            return [];
        }

        var vectors = TermVectors.Weigh([.. articles.Select(a => EventTerms(Lead(a)))]);
        var meanings = embeddings?.Embed([.. articles.Select(Headline)]);
        var threshold = meanings is null ? Threshold : CombinedThreshold;
        var similarity = new double[articles.Count, articles.Count];
        for (var i = 0; i < articles.Count; i++)
        {
            for (var j = i + 1; j < articles.Count; j++)
            {
                var words = TermVectors.Cosine(vectors[i], vectors[j]);
                similarity[i, j] = similarity[j, i] = meanings is null ? words : (words + StoryEmbeddings.Cosine(meanings[i], meanings[j])) / 2;
            }
        }

        var groups = Enumerable.Range(0, articles.Count).Select(i => new List<int> { i }).ToList();
        while (true)
        {
            var (best, a, b) = (threshold, -1, -1);
            for (var x = 0; x < groups.Count; x++)
            {
                for (var y = x + 1; y < groups.Count; y++)
                {
                    var average = groups[x].SelectMany(i => groups[y], (i, j) => similarity[i, j]).Average();
                    if (average >= best)
                    {
                        (best, a, b) = (average, x, y);
                    }
                }
            }

            if (a < 0)
            {
                break;
            }

            groups[a].AddRange(groups[b]);
            groups.RemoveAt(b);
        }

        return [.. groups
            .Select(group => ToStory(articles, group, similarity))
            .OrderByDescending(story => story.AlsoReported.Count)
            .ThenByDescending(story => story.Lead.PublishedAt ?? story.Lead.CollectedAt)];
    }

    /// <summary>
    /// The articles that do not retell an earlier one: each new article's opening compared with every earlier article's
    /// (cosine of term vectors) stays under <paramref name="threshold"/> — higher than grouping's, so a follow-up with
    /// news of its own is kept and only another report of the same event is left out.
    /// </summary>
    public static List<Article> NotRetelling(IReadOnlyList<Article> articles, IReadOnlyList<Article> earlier, double threshold)
    {
        if (earlier.Count == 0 || articles.Count == 0)
        {
            return [.. articles];
        }

        var vectors = TermVectors.Weigh([.. articles.Concat(earlier).Select(a => EventTerms(Lead(a)))]);
        return [.. articles.Where((article, i) => Enumerable.Range(articles.Count, earlier.Count).All(j => TermVectors.Cosine(vectors[i], vectors[j]) < threshold))];
    }

    /// <summary>
    /// The words of a report, and its figures as single terms whatever their spelling ("3%", "3 percent" and "3 per
    /// cent" are one; "9,000 acres" is "9000"; "$12bn", "$12 billion" are "12bn"): reports of one event in other words
    /// still quote its numbers, which the word terms lose (a lone digit is no word).
    /// </summary>
    private static List<string> EventTerms(string text)
    {
        var terms = TermVectors.Terms(text);
        foreach (System.Text.RegularExpressions.Match figure in Figure().Matches(text))
        {
            var number = figure.Groups["number"].Value.Replace(",", "", StringComparison.Ordinal);
            var unit = figure.Groups["unit"].Value.ToLowerInvariant() switch
            {
                "%" or "percent" or "per cent" => "%",
                "bn" or "billion" => "bn",
                "m" or "million" => "m",
                _ => "",
            };
            if (unit.Length > 0 || number.Length >= 2)
            {
                terms.Add("#" + number + unit);
            }
        }

        return terms;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<![\w.])\$?(?<number>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s*(?<unit>%|percent\b|per cent\b|bn\b|billion\b|m\b|million\b))?")]
    private static partial System.Text.RegularExpressions.Regex Figure();

    /// <summary>What the model reads: the headline and the first sentence, which between them say what happened.</summary>
    private static string Headline(Article article) =>
        article.Title + ". " + SentenceSplitter.Split(NewsText.StripDatelines(article.Text)).FirstOrDefault();

    private static string Lead(Article article) =>
        article.Title + ". " + string.Join(' ', SentenceSplitter.Split(NewsText.StripDatelines(article.Text)).Take(LeadSentences));

    private static Story ToStory(IReadOnlyList<Article> articles, List<int> group, double[,] similarity)
    {
        var lead = group
            .OrderByDescending(i => group.Where(j => j != i).Sum(j => similarity[i, j]))
            .ThenBy(i => articles[i].PublishedAt ?? articles[i].CollectedAt)
            .First();
        var others = group.Where(i => i != lead).OrderByDescending(i => similarity[lead, i]).Select(i => articles[i]).ToList();
        return new Story(articles[lead], others, MergedSummary(articles[lead], others));
    }

    /// <summary>The lead's summary, then each other report's summary sentences that say something the chosen ones do not.</summary>
    private static string MergedSummary(Article lead, List<Article> others)
    {
        var leadSentences = SentenceSplitter.Split(SummaryOf(lead));
        if (others.Count == 0)
        {
            return string.Join(' ', leadSentences);
        }

        // Each other report opens with the event itself (that is why it joined the group): only its later sentences can add a fact.
        var candidates = others.SelectMany(o => SentenceSplitter.Split(SummaryOf(o)).Skip(1)).ToList();
        var all = leadSentences.Concat(candidates).ToList();
        var vectors = TermVectors.Build(all);
        var chosen = Enumerable.Range(0, leadSentences.Count).ToList();
        var words = leadSentences.Sum(Words.Count);
        for (var c = leadSentences.Count; c < all.Count && chosen.Count < MergedBudget.MaxSentences; c++)
        {
            var count = Words.Count(all[c]);
            if (words + count <= MergedBudget.MaxWords && chosen.All(i => TermVectors.Cosine(vectors[c], vectors[i]) < NoveltyLimit && !SharesFigure(all[c], all[i])))
            {
                chosen.Add(c);
                words += count;
            }
        }

        return string.Join(' ', chosen.Select(i => all[i]));
    }

    /// <summary>Two reports quoting the same figure ("$4.2bn", "54-45") state the same fact, however differently worded.</summary>
    private static bool SharesFigure(string a, string b)
    {
        var figures = TermVectors.Terms(a).Where(IsFigure).ToHashSet(StringComparer.Ordinal);
        return figures.Count > 0 && TermVectors.Terms(b).Any(t => IsFigure(t) && figures.Contains(t));
    }

    private static bool IsFigure(string term) => term.Length >= 2 && term.Any(char.IsDigit);

    private static string SummaryOf(Article article) => article.Summary?.Short ?? string.Join(' ', SentencePicker.Summarize(article.Text, ExtractiveSummarizer.Short));
}
