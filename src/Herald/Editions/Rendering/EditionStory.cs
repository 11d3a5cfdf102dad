namespace Herald.Editions.Rendering;

/// <summary>One story of an edition as the archive lists it: no personal data, only what the digest showed publicly.</summary>
public sealed record EditionStory(string Title, string Url, string Source, string Dek, string? Section, DateTimeOffset? PublishedAt, IReadOnlyList<string> ArticleIds, IReadOnlyList<string> ArticleBlobs);
