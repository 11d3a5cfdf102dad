namespace Herald.Site.Pages;

/// <summary>
/// One input of a form. <see cref="Kind"/> is "hidden", "email", "text", "checkbox", "select" (one of
/// <see cref="Options"/>, <see cref="Value"/> chosen) or "trap" (a field people do not see and bots fill in).
/// </summary>
public sealed record PageInput(string Kind, string Name, string Value = "", string Label = "", bool Checked = false)
{
    public IReadOnlyList<PageOption> Options { get; init; } = [];
}
