namespace Herald.Editions.Rendering;

/// <summary>Another outlet's report of the same story.</summary>
public sealed record SourceView(string Name, string Url);
