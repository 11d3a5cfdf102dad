using Herald.Articles;

namespace Herald.Summarizing;

/// <summary>
/// The news baseline: the opening sentences, within a sentence and word budget. News is written
/// lead-first, so this is a strong, deterministic default until the scored extractive summarizer replaces it.
/// </summary>
public sealed class LeadSummarizer(TimeProvider time) : IArticleSummarizer
{
    public const int DekMaxWords = 40;
    public const int ShortMaxSentences = 4;
    public const int ShortMaxWords = 90;

    public ArticleSummary Summarize(Article article)
    {
        var sentences = SentenceSplitter.Split(article.Text);
        if (sentences.Count == 0)
        {
            return new ArticleSummary(article.Title, article.Title, "lead", time.GetUtcNow());
        }

        var dek = Truncate(sentences[0], DekMaxWords);
        var chosen = new List<string>();
        var words = 0;
        foreach (var sentence in sentences.Take(ShortMaxSentences))
        {
            var count = CountWords(sentence);
            if (chosen.Count > 0 && words + count > ShortMaxWords)
            {
                break;
            }

            chosen.Add(chosen.Count == 0 ? Truncate(sentence, ShortMaxWords) : sentence);
            words += count;
        }

        return new ArticleSummary(dek, string.Join(' ', chosen), "lead", time.GetUtcNow());
    }

    private static int CountWords(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    private static string Truncate(string sentence, int maxWords)
    {
        var words = sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length <= maxWords ? sentence : string.Join(' ', words.Take(maxWords)).TrimEnd(',', ';', ':') + "\u2026";
    }
}
