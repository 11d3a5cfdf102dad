namespace Herald.Collecting;

/// <summary>A feed reduced to what Herald uses, whatever its format.</summary>
public sealed record ParsedFeed(string Title, string Format, IReadOnlyList<ParsedItem> Items)
{
    /// <summary>What was mended to read it ("3 HTML entities") and why items were left out ("an item with no link").</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
