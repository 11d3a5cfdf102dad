using Herald.Articles;

namespace Herald.Summarizing;

/// <summary>
/// The default: offline, fast and deterministic. The dek is the one best sentence (at most 40 words);
/// the short summary two to four sentences within 90 words, in the article's order.
/// </summary>
public sealed class ExtractiveSummarizer(TimeProvider time) : IArticleSummarizer
{
    public const string Method = "extractive";
    public static readonly SummaryBudget Dek = new(1, 40);
    public static readonly SummaryBudget Short = new(4, 90, MinSentences: 2);

    public Task<ArticleSummary> SummarizeAsync(Article article, CancellationToken cancellationToken) =>
        Task.FromResult(Summarize(article, time.GetUtcNow()));

    public static ArticleSummary Summarize(Article article, DateTimeOffset now)
    {
        var dek = SentencePicker.Summarize(article.Text, Dek);
        var summary = SentencePicker.Summarize(article.Text, Short);
        if (summary.Count == 0)
        {
            return new ArticleSummary(article.Title, article.Title, Method, now);
        }

        return new ArticleSummary(Bound(dek.Count > 0 ? dek[0] : summary[0], Dek.MaxWords), string.Join(' ', summary.Select(s => Bound(s, 60))), Method, now);
    }

    /// <summary>A single sentence longer than the budget is cut at a word boundary and marked with an ellipsis.</summary>
    private static string Bound(string sentence, int maxWords)
    {
        var words = sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length <= maxWords ? sentence : string.Join(' ', words.Take(maxWords)).TrimEnd(',', ';', ':') + "\u2026";
    }
}
