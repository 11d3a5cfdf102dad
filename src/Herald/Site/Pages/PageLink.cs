namespace Herald.Site.Pages;

public sealed record PageLink(string Url, string Text);
