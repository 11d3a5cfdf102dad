namespace Herald.Editions.Rendering;

/// <summary>One story as templates see it: <see cref="Published"/> in the newsletter's time zone, <see cref="ReadingMinutes"/> of the lead report.</summary>
public sealed record StoryView(int Number, string Anchor, string Title, string Url, string Source, string Dek, string Summary, string? Published, int ReadingMinutes, IReadOnlyList<string> Tags, IReadOnlyList<SourceView> AlsoReportedBy);
