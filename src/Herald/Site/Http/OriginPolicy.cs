using Herald.Links;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Herald.Site;

/// <summary>
/// Which pages may post the site's forms: its own (Herald:PublicBaseUrl) and Site:AllowedOrigins. A browser names
/// the posting page's origin (Origin, or else Referer); a request naming another is refused. A request naming none
/// is not a browser's cross-site post (mail providers' one-click unsubscribe, API callers) and passes.
/// </summary>
public sealed class OriginPolicy(SiteLinks links, IOptions<SiteOptions> options)
{
    public bool Allows(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (string.IsNullOrEmpty(origin))
        {
            var referer = request.Headers.Referer.ToString();
            if (string.IsNullOrEmpty(referer))
            {
                return true;
            }

            origin = Uri.TryCreate(referer, UriKind.Absolute, out var page) ? page.GetLeftPart(UriPartial.Authority) : "";
        }

        return origin != "null" && Uri.TryCreate(origin, UriKind.Absolute, out var posted)
            && options.Value.AllowedOrigins.Select(o => Uri.TryCreate(o, UriKind.Absolute, out var allowed) ? allowed : null).Append(links.Origin)
                .Any(allowed => allowed is not null && Uri.Compare(allowed, posted, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0);
    }
}
