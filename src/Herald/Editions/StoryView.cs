namespace Herald.Editions;

public sealed record StoryView(string Title, string Url, string Source, string Dek, string Summary, string? Published, IReadOnlyList<string> Tags, IReadOnlyList<SourceView> AlsoReportedBy);
