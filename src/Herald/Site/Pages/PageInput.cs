namespace Herald.Site.Pages;

/// <summary>
/// One input of a form. <see cref="Kind"/> is "hidden", "email", "text", "checkbox" or "trap" (a field people do not
/// see and bots fill in).
/// </summary>
public sealed record PageInput(string Kind, string Name, string Value = "", string Label = "", bool Checked = false);
