using Herald.Links;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Herald.Site.Http;

/// <summary>
/// Which pages may post the site's forms: the site itself and Site:AllowedOrigins. A browser says where a post comes
/// from in headers no page can set: Sec-Fetch-Site ("same-origin" for the site's own pages — the only signal left
/// when the page's Referrer-Policy is no-referrer, which makes browsers send "Origin: null"), and Origin (or else
/// Referer), checked against the origin the request was sent to, Herald:PublicBaseUrl and Site:AllowedOrigins. A
/// request naming no page at all is not a browser's cross-site post (mail providers' one-click unsubscribe, API
/// callers) and passes.
/// </summary>
public sealed class OriginPolicy(SiteLinks links, IOptions<SiteOptions> options)
{
    public bool Allows(HttpRequest request)
    {
        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        if (fetchSite is "same-origin")
        {
            return true;
        }

        var origin = request.Headers.Origin.ToString();
        if (string.IsNullOrEmpty(origin))
        {
            var referer = request.Headers.Referer.ToString();
            if (string.IsNullOrEmpty(referer))
            {
                return fetchSite is "" or "none"; // a browser that calls the post cross-site must also say from where
            }

            origin = Uri.TryCreate(referer, UriKind.Absolute, out var page) ? page.GetLeftPart(UriPartial.Authority) : "";
        }

        if (origin == "null" || !Uri.TryCreate(origin, UriKind.Absolute, out var posted))
        {
            return false;
        }

        var self = request.Host.HasValue && Uri.TryCreate($"{request.Scheme}://{request.Host.Value}", UriKind.Absolute, out var own) ? own : null;
        return options.Value.AllowedOrigins.Select(o => Uri.TryCreate(o, UriKind.Absolute, out var allowed) ? allowed : null).Append(links.Origin).Append(self)
                .Any(allowed => allowed is not null && Uri.Compare(allowed, posted, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0);
    }
}
