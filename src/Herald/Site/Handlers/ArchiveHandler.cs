using System.Globalization;
using Herald.Editions;
using Herald.Links;
using Herald.Mail;
using Herald.Site.Pages;
using Herald.Subscribers;
using Microsoft.AspNetCore.Http;

namespace Herald.Site.Handlers;

/// <summary>GET /api/archive/{newsletter}/{date}: an edition's public page (the "view in browser" link), with no personal link in it.</summary>
public sealed class ArchiveHandler(EditionStore editions, SubscriptionService subscriptions, SiteLinks links, SitePages pages) : ISiteHandler
{
    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var newsletter = subscriptions.FindNewsletter(context.Request.RouteValues["newsletter"] as string);
        if (newsletter is null || !DateOnly.TryParseExact(context.Request.RouteValues["date"] as string, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return pages.Error(404, "Edition not found", "There is no edition at this address.");
        }

        var edition = await editions.GetAsync(newsletter.Id, day, cancellationToken);
        if (edition is null)
        {
            return pages.Error(404, "Edition not found", "There is no edition at this address.");
        }

        var subscribe = links.SubscribePage(newsletter.Id);
        return SiteResults.Html(200, PersonalSlots.Fill(edition.Value.Value.Html, new PersonalValues(subscribe, subscribe), html: true), cacheable: true);
    }
}
