namespace Herald.Site.Pages;

/// <summary>A form that posts to the site itself, with its inputs and one button; a secondary one is drawn as a plain button.</summary>
public sealed record PageForm(string Action, string Button, IReadOnlyList<PageInput> Inputs, bool Secondary = false);
