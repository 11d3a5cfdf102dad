using Azure;
using Herald.Articles;
using Herald.Telemetry;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Herald.Summarizing.Chat;

/// <summary>
/// Summaries written by a language model behind <see cref="IChatClient"/>, within a time and token budget, checked
/// by <see cref="ChatSummaryValidator"/> and cached by content. Any failure — timeout, error, empty or unfit
/// reply — gives the extractive summary instead, so a digest never waits on, or shows, a bad model answer.
/// </summary>
public sealed class ChatSummarizer(
    IChatClient chat,
    ChatSummaryCache cache,
    IOptions<SummarizerOptions> options,
    TimeProvider time,
    HeraldMetrics metrics,
    ILogger<ChatSummarizer> logger) : IArticleSummarizer
{
    public async Task<ArticleSummary> SummarizeAsync(Article article, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var text = Truncate(article.Text, settings.MaxInputWords);
        var method = $"chat:{settings.Deployment}";
        var key = ChatSummaryCache.Key(settings.Deployment ?? "", article.Title, text);
        try
        {
            if (await cache.GetAsync(key, cancellationToken) is { } cached)
            {
                return cached;
            }
        }
        catch (RequestFailedException ex)
        {
            logger.LogWarning("Summary cache unavailable ({Status}); asking the model", ex.Status);
        }

        string? reply;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(settings.Timeout);
            try
            {
                var response = await chat.GetResponseAsync(
                    ChatPrompt.Build(article.Title, text),
                    new ChatOptions { Temperature = 0, MaxOutputTokens = settings.MaxOutputTokens, ResponseFormat = ChatResponseFormat.Json },
                    timeout.Token);
                reply = response.Text;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return Fallback(article, $"no reply within {settings.Timeout.TotalSeconds:0.#} s");
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return Fallback(article, $"{ex.GetType().Name}: {ex.Message}");
            }
        }

        var (parsed, problem) = ChatSummaryValidator.Validate(reply, article.Title, text);
        if (parsed is null)
        {
            return Fallback(article, problem!);
        }

        var summary = new ArticleSummary(parsed.Dek, parsed.Summary, method, time.GetUtcNow());
        try
        {
            await cache.SetAsync(key, summary, cancellationToken);
        }
        catch (RequestFailedException ex)
        {
            logger.LogWarning("Could not cache the summary of article {ArticleId} ({Status})", article.Id, ex.Status);
        }

        return summary;
    }

    private ArticleSummary Fallback(Article article, string reason)
    {
        logger.LogWarning("Model summary of article {ArticleId} not used ({Reason}); using the extractive summary", article.Id, reason);
        metrics.SummaryFellBack();
        return ExtractiveSummarizer.Summarize(article, time.GetUtcNow());
    }

    private static string Truncate(string text, int maxWords)
    {
        var words = text.Split(' ');
        return words.Length <= maxWords ? text : string.Join(' ', words.Take(maxWords));
    }
}
