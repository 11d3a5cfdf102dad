using System.Globalization;
using Herald.Configuration;
using Herald.Editions;
using Herald.Editions.Scheduling;
using Herald.Links;
using Herald.Site.Http;
using Herald.Site.Pages;
using Herald.Templates;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Herald.Site.Handlers;

/// <summary>
/// GET /api/archive/{newsletter}/{edition}: an edition's public page (the "view in browser" link), with no personal
/// link in it — where a reader's own links were, the sign-up page's. {edition} is a slot ("2026-11-25-0600") or a
/// date ("2026-11-25": that day's last edition).
/// </summary>
public sealed class ArchiveHandler(EditionStore editions, IOptions<HeraldOptions> herald, SiteLinks links, SitePages pages) : ISiteHandler
{
    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var newsletter = herald.Value.FindNewsletter(context.Request.RouteValues["newsletter"] as string);
        var key = context.Request.RouteValues["edition"] as string;
        if (newsletter is null || key is null)
        {
            return NotFound();
        }

        Edition? edition = null;
        if (EditionSlot.IsKey(key))
        {
            edition = (await editions.GetAsync(newsletter.Id, key, cancellationToken))?.Value;
        }
        else if (DateOnly.TryParseExact(key, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            var slots = (await editions.ListSlotsAsync(newsletter.Id, cancellationToken)).Where(s => s.StartsWith(key + "-", StringComparison.Ordinal));
            foreach (var slot in slots)
            {
                if ((await editions.GetAsync(newsletter.Id, slot, cancellationToken))?.Value is { Status: not EditionStatus.Skipped } found)
                {
                    edition = found;
                    break;
                }
            }

            _ = day;
        }

        if (edition is null or { Status: EditionStatus.Skipped })
        {
            return NotFound();
        }

        return SiteResults.Html(200, PublicHtml(edition, links.SubscribePage(newsletter.Id)), cacheable: true);
    }

    /// <summary>The edition's HTML with the sign-up page wherever a reader's own links go.</summary>
    public static string PublicHtml(Edition edition, string subscribePage) =>
        PersonalSlots.Fill(edition.Html, new PersonalValues(subscribePage, subscribePage), html: true);

    private IResult NotFound() => pages.Error(404, "Edition not found", "There is no edition at this address.");
}
