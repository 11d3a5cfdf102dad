using Herald.Articles;
using Herald.Queues;
using Herald.Telemetry;
using Microsoft.Extensions.Logging;

namespace Herald.Summarizing;

/// <summary>
/// Handles a <see cref="SummarizeRequest"/>: summarizes the article once. A re-delivered message finds the
/// summary already stored and does nothing; two workers racing are settled by the blob's ETag.
/// </summary>
public sealed class SummarizeRequestHandler(ArticleStore store, IArticleSummarizer summarizer, HeraldMetrics metrics, ILogger<SummarizeRequestHandler> logger)
{
    public async Task<SummarizeOutcome> SummarizeAsync(SummarizeRequest request, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var stored = await store.GetAsync(request.BlobName, cancellationToken);
            if (stored is null)
            {
                logger.LogWarning("Article {ArticleId} to summarize is not stored at {BlobName}", request.ArticleId, request.BlobName);
                return SummarizeOutcome.ArticleMissing;
            }

            var (article, etag) = stored.Value;
            if (article.Summary is not null)
            {
                return SummarizeOutcome.AlreadySummarized;
            }

            var summarized = article with { Summary = await summarizer.SummarizeAsync(article, cancellationToken) };
            if (await store.ReplaceAsync(request.BlobName, summarized, etag, cancellationToken))
            {
                logger.LogInformation("Summarized article {ArticleId} ({Method})", article.Id, summarized.Summary!.Method);
                metrics.SummaryMade(summarized.Summary.Method);
                return SummarizeOutcome.Summarized;
            }
        }

        throw new InvalidOperationException($"Article {request.ArticleId} kept changing while it was summarized; the message will be retried.");
    }
}
