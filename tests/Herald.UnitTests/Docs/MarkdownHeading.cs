namespace Herald.UnitTests.Docs;

/// <summary>An ATX heading ("## Delivery") of a Markdown page: its level, its text and its 1-based line.</summary>
public sealed record MarkdownHeading(int Level, string Text, int Line);
