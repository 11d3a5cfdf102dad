using System.Xml.Linq;
using Herald.Configuration;
using Herald.Editions;
using Herald.Links;
using Herald.Site.Http;
using Herald.Site.Pages;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Herald.Site.Handlers;

/// <summary>GET /api/archive/{newsletter}/feed: an Atom feed of the newsletter's editions, each with its public page as content.</summary>
public sealed class ArchiveFeedHandler(EditionStore editions, IOptions<HeraldOptions> herald, SiteLinks links, SitePages pages, TimeProvider time) : ISiteHandler
{
    /// <summary>Editions the feed carries.</summary>
    public const int Length = 20;

    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var newsletter = herald.Value.FindNewsletter(context.Request.RouteValues["newsletter"] as string);
        if (newsletter is null)
        {
            return pages.Error(404, "Newsletter not found", "There is no newsletter at this address.");
        }

        var published = await editions.ListPublishedAsync(newsletter.Id, Length, cancellationToken);
        var subscribe = links.SubscribePage(newsletter.Id);
        var feed = new XElement(
            Atom + "feed",
            new XElement(Atom + "id", links.ArchiveIndex(newsletter.Id)),
            new XElement(Atom + "title", newsletter.Title),
            new XElement(Atom + "subtitle", newsletter.Description),
            new XElement(Atom + "updated", Stamp(published.FirstOrDefault()?.BuiltAt ?? time.GetUtcNow())),
            new XElement(Atom + "author", new XElement(Atom + "name", string.IsNullOrWhiteSpace(newsletter.FromName) ? newsletter.Title : newsletter.FromName)),
            new XElement(Atom + "link", new XAttribute("rel", "self"), new XAttribute("href", links.ArchiveFeed(newsletter.Id))),
            new XElement(Atom + "link", new XAttribute("rel", "alternate"), new XAttribute("type", "text/html"), new XAttribute("href", links.ArchiveIndex(newsletter.Id))),
            published.Select(edition => new XElement(
                Atom + "entry",
                new XElement(Atom + "id", links.Archive(newsletter.Id, edition.Slot)),
                new XElement(Atom + "title", edition.Subject),
                new XElement(Atom + "updated", Stamp(edition.BuiltAt)),
                new XElement(Atom + "published", Stamp(edition.SlotAt)),
                new XElement(Atom + "link", new XAttribute("rel", "alternate"), new XAttribute("type", "text/html"), new XAttribute("href", links.Archive(newsletter.Id, edition.Slot))),
                new XElement(Atom + "summary", edition.Preheader),
                new XElement(Atom + "content", new XAttribute("type", "html"), ArchiveHandler.PublicHtml(edition, subscribe)))));
        var document = new XDocument(new XDeclaration("1.0", "utf-8", null), feed);
        return SiteResults.Text(200, "application/atom+xml; charset=utf-8", document.Declaration + "\n" + document.Root, cacheable: true);
    }

    private static string Stamp(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
