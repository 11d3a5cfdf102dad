using Herald.Articles;

namespace Herald.Editions.Stories;

/// <summary>One event as the digest shows it: a representative article, a merged summary, and the other reports.</summary>
public sealed record Story(Article Lead, IReadOnlyList<Article> AlsoReported, string Summary);
