namespace Herald.UnitTests.Docs;

/// <summary>A fenced code block: its info string ("sh", "text"), the 1-based line of its first content line, and its lines.</summary>
public sealed record MarkdownFence(string Info, int FirstLine, IReadOnlyList<string> Lines);
