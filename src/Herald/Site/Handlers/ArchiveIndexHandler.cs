using System.Globalization;
using Herald.Configuration;
using Herald.Editions;
using Herald.Links;
using Herald.Site.Pages;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Herald.Site.Handlers;

/// <summary>GET /api/archive/{newsletter}: the newsletter's past editions, newest first, with its feed and its sign-up page.</summary>
public sealed class ArchiveIndexHandler(EditionStore editions, IOptions<HeraldOptions> herald, SiteLinks links, SitePages pages) : ISiteHandler
{
    /// <summary>Editions the index lists.</summary>
    public const int Length = 60;

    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var newsletter = herald.Value.FindNewsletter(context.Request.RouteValues["newsletter"] as string);
        if (newsletter is null)
        {
            return pages.Error(404, "Newsletter not found", "There is no newsletter at this address.");
        }

        var published = await editions.ListPublishedAsync(newsletter.Id, Length, cancellationToken);
        var page = new PageView($"{newsletter.Title}: past editions", published.Count == 0 ? "No edition has gone out yet." : newsletter.Description)
        {
            Links =
            [
                .. published.Select(e => new PageLink(links.Archive(newsletter.Id, e.Slot), $"{e.Date.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture)}: {e.Subject}")),
                new PageLink(links.ArchiveFeed(newsletter.Id), "Atom feed of editions"),
                new PageLink(links.SubscribePage(newsletter.Id), $"Subscribe to {newsletter.Title}"),
            ],
        };
        return pages.Page(200, page);
    }
}
