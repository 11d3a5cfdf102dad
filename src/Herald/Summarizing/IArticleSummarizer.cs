using Herald.Articles;

namespace Herald.Summarizing;

/// <summary>Produces the dek and short summary of one article.</summary>
public interface IArticleSummarizer
{
    Task<ArticleSummary> SummarizeAsync(Article article, CancellationToken cancellationToken);
}
