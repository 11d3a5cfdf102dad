namespace Herald.Text;

/// <summary>
/// Bag-of-words vectors for comparing sentences and articles: lowercase word stems without stop words,
/// weighted by tf-idf where the "documents" are the items compared (sentences of one article, or articles).
/// </summary>
public static class TermVectors
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as", "at",
        "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do",
        "does", "doing", "down", "during", "each", "few", "for", "from", "further", "had", "has", "have", "having", "he",
        "her", "here", "hers", "herself", "him", "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its",
        "itself", "just", "me", "more", "most", "my", "myself", "no", "nor", "not", "now", "of", "off", "on", "once",
        "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own", "s", "said", "same", "say", "says", "she",
        "should", "so", "some", "such", "t", "than", "that", "the", "their", "theirs", "them", "themselves", "then",
        "there", "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "very", "was", "we",
        "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your",
        "yours", "yourself", "yourselves", "one", "two", "new", "told", "year", "years", "mr", "mrs", "ms", "like", "get",
        "got", "us", "may", "might", "must", "shall", "many", "much", "well", "even", "back", "still", "last", "first",
    };

    /// <summary>Content-word stems of a text, in order.</summary>
    public static List<string> Terms(string text)
    {
        var terms = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var isWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (isWord && start < 0)
            {
                start = i;
            }
            else if (!isWord && start >= 0)
            {
                var word = text[start..i].ToLowerInvariant();
                start = -1;
                if (word.Length > 1 && !StopWords.Contains(word))
                {
                    terms.Add(word.Length > 3 ? PorterStemmer.Stem(word) : word);
                }
            }
        }

        return terms;
    }

    /// <summary>tf-idf vectors of the given texts, the idf taken over the texts themselves.</summary>
    public static List<Dictionary<string, double>> Build(IReadOnlyList<string> texts) => Weigh([.. texts.Select(Terms)]);

    public static List<Dictionary<string, double>> Weigh(IReadOnlyList<List<string>> termLists)
    {
        var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var terms in termLists)
        {
            foreach (var term in terms.Distinct())
            {
                documentFrequency[term] = documentFrequency.GetValueOrDefault(term) + 1;
            }
        }

        var n = termLists.Count;
        return [.. termLists.Select(terms =>
        {
            var vector = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var term in terms)
            {
                vector[term] = vector.GetValueOrDefault(term) + 1;
            }

            foreach (var term in vector.Keys.ToList())
            {
                vector[term] *= Math.Log((1.0 + n) / (1.0 + documentFrequency[term])) + 1;
            }

            return vector;
        })];
    }

    public static double Cosine(Dictionary<string, double> a, Dictionary<string, double> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }

        var (small, large) = a.Count <= b.Count ? (a, b) : (b, a);
        double dot = 0;
        foreach (var (term, weight) in small)
        {
            if (large.TryGetValue(term, out var other))
            {
                dot += weight * other;
            }
        }

        return dot == 0 ? 0 : dot / (Norm(a) * Norm(b));
    }

    private static double Norm(Dictionary<string, double> vector) => Math.Sqrt(vector.Values.Sum(v => v * v));
}
