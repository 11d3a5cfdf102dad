namespace Herald.Articles;

/// <summary>The summaries a digest needs: a one-line dek and a short summary.</summary>
public sealed record ArticleSummary(string Dek, string Short, string Method, DateTimeOffset CreatedAt);
