using Herald.Text;

namespace Herald.Collecting;

public sealed record ParsedItem(
    string Title,
    Uri Link,
    DateTimeOffset? PublishedAt,
    string? Author,
    IReadOnlyList<string> Categories,
    string? ContentHtml,
    string? SummaryHtml)
{
    /// <summary>
    /// True when the item had no link to its article and <see cref="Link"/> is the feed's site: kept only if the feed
    /// carries the whole article, never fetched, and known by <see cref="ItemId"/> rather than by its address.
    /// </summary>
    public bool LinkIsSite { get; init; }

    /// <summary>The feed's own id for an item that points to the site (its guid or Atom id), else its title and text.</summary>
    public string? ItemId { get; init; }

    /// <summary>
    /// The item's address as its identity: the canonical link, or for an item pointing to the site, the site with a
    /// fragment made from the item's id, so that each such item is an article of its own and the same one next run.
    /// </summary>
    public string Identity => LinkIsSite
        ? new UriBuilder(CanonicalUrl.Normalize(Link)) { Fragment = "item-" + CanonicalUrl.IdOf(ItemId ?? Title)[..16] }.Uri.AbsoluteUri
        : CanonicalUrl.Normalize(Link);
}
