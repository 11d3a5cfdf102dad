using Herald.Articles;

namespace Herald.Summarizing;

/// <summary>Produces the dek and short summary of one article.</summary>
public interface IArticleSummarizer
{
    ArticleSummary Summarize(Article article);
}
