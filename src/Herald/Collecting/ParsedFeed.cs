namespace Herald.Collecting;

/// <summary>A feed reduced to what Herald uses, whatever its format.</summary>
public sealed record ParsedFeed(string Title, string Format, IReadOnlyList<ParsedItem> Items);
