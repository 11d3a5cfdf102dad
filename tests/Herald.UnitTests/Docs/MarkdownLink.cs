namespace Herald.UnitTests.Docs;

/// <summary>An inline link or image of a Markdown page: its 1-based line and its target as written ("docs/cli.md#exit-codes").</summary>
public sealed record MarkdownLink(int Line, string Target);
