namespace Herald.Site.Pages;

/// <summary>One choice of a "select" <see cref="PageInput"/>: the value sent and the text shown.</summary>
public sealed record PageOption(string Value, string Text);
