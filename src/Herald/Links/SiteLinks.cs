using Herald.Configuration;
using Microsoft.Extensions.Options;

namespace Herald.Links;

/// <summary>Public URLs of Herald's pages, built from Herald:PublicBaseUrl and <see cref="Routes"/>.</summary>
public sealed class SiteLinks(IOptions<HeraldOptions> options)
{
    private string Base => options.Value.PublicBaseUrl.TrimEnd('/');

    // Every digest carries two of these per recipient: the fixed part is built once.
    private string? _unsubscribe;
    private string? _preferences;

    /// <summary>An edition's page: "/api/archive/white-house-watch/2026-11-25-0600".</summary>
    public string Archive(string newsletterId, string slot) =>
        Base + Routes.PathOf(Routes.Archive, ("newsletter", newsletterId), ("edition", slot));

    /// <summary>A newsletter's past editions.</summary>
    public string ArchiveIndex(string newsletterId) => Base + Routes.PathOf(Routes.ArchiveIndex, ("newsletter", newsletterId));

    /// <summary>A newsletter's Atom feed of editions.</summary>
    public string ArchiveFeed(string newsletterId) => Base + Routes.PathOf(Routes.ArchiveFeed, ("newsletter", newsletterId));

    public string SubscribePage(string newsletterId) => Base + Routes.PathOf(Routes.SubscribePage, ("newsletter", newsletterId));

    public string Confirm(string token) => Base + WithToken(Routes.Confirm, token);

    public string Unsubscribe(string token) => (_unsubscribe ??= Base + WithToken(Routes.Unsubscribe, "")) + Uri.EscapeDataString(token);

    /// <summary>The unsubscribe link of one edition's copy: the edition it came from is counted when the reader leaves through it.</summary>
    public string Unsubscribe(string token, string editionId) => Unsubscribe(token) + "&edition=" + Uri.EscapeDataString(editionId);

    public string Preferences(string token) => (_preferences ??= Base + WithToken(Routes.Preferences, "")) + Uri.EscapeDataString(token);

    /// <summary>The site's origin ("https://herald.example"): forms may only be posted from it.</summary>
    public Uri Origin => new(new Uri(options.Value.PublicBaseUrl).GetLeftPart(UriPartial.Authority));

    /// <summary>The site-relative address of a route that takes a token: "/api/unsubscribe?token=...".</summary>
    public static string WithToken(string route, string token) => $"{Routes.PathOf(route)}?token={Uri.EscapeDataString(token)}";
}
