using Herald.Site.Http;
using Herald.Templates;
using Microsoft.AspNetCore.Http;

namespace Herald.Site.Pages;

/// <summary>Renders the site's pages from templates/page.html.scriban, with the headers every page carries.</summary>
public sealed class SitePages(TemplateCatalog templates)
{
    public IResult Page(int status, PageView page) => SiteResults.Html(status, templates.Render("page.html.scriban", page));

    public IResult Error(int status, string title, string message) => Page(status, new PageView(title, message));
}
