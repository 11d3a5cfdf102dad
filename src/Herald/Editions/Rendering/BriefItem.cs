namespace Herald.Editions.Rendering;

/// <summary>A headline of "today in brief", linking to its story further down (#<see cref="Anchor"/>).</summary>
public sealed record BriefItem(int Number, string Anchor, string Title);
