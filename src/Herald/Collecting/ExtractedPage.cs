namespace Herald.Collecting;

/// <summary>What Herald makes of one article page.</summary>
public sealed record ExtractedPage(string Title, string? Byline, DateTimeOffset? PublishedAt, Uri? CanonicalUrl, string? ImageUrl, string Text, string Html);
