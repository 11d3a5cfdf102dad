namespace Herald.Site.Pages;

/// <summary>What a page of the site shows: a title, a message, forms (each one button) and links. Every value is escaped by the template.</summary>
public sealed record PageView(string Title, string Message)
{
    /// <summary>A second paragraph (the masked address, what a button does).</summary>
    public string? Detail { get; init; }

    public IReadOnlyList<PageForm> Forms { get; init; } = [];

    public IReadOnlyList<PageLink> Links { get; init; } = [];
}
