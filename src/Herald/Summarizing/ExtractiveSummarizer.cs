using Herald.Articles;

namespace Herald.Summarizing;

/// <summary>
/// The default: offline, fast and deterministic. The dek is the one best sentence (at most 40 words) that does not
/// restate the headline; the short summary two to four sentences (each at most 60 words, within 90 words after the
/// first) in the article's order. Sentences are used whole, never cut short with an ellipsis.
/// </summary>
public sealed class ExtractiveSummarizer(TimeProvider time) : IArticleSummarizer
{
    public const string Method = "extractive";
    public static readonly SummaryBudget Dek = new(1, 40, MaxSentenceWords: 40);
    public static readonly SummaryBudget Short = new(4, 90, MinSentences: 2, MaxSentenceWords: 60);

    public Task<ArticleSummary> SummarizeAsync(Article article, CancellationToken cancellationToken) =>
        Task.FromResult(Summarize(article, time.GetUtcNow()));

    public static ArticleSummary Summarize(Article article, DateTimeOffset now)
    {
        var dek = SentencePicker.Summarize(article.Text, Dek, SentencePickerSettings.Dek, leaveOut: sentence => NewsText.Restates(sentence, article.Title));
        var summary = SentencePicker.Summarize(article.Text, Short);
        if (summary.Count == 0)
        {
            return new ArticleSummary(article.Title, article.Title, Method, now);
        }

        return new ArticleSummary(dek.Count > 0 ? dek[0] : summary[0], string.Join(' ', summary), Method, now);
    }
}
