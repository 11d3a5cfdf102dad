namespace Herald.Articles;

/// <summary>One outlet's copy of a story.</summary>
public sealed record ArticleSource(string Name, string Url);
