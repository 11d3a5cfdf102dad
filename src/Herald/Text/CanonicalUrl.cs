using System.Security.Cryptography;
using System.Text;

namespace Herald.Text;

/// <summary>Normalizes article addresses so that tracking parameters and cosmetic differences do not make two articles of one.</summary>
public static class CanonicalUrl
{
    private static readonly string[] TrackingPrefixes = ["utm_", "mc_", "_hs"];
    private static readonly HashSet<string> TrackingNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "fbclid", "gclid", "dclid", "msclkid", "igshid", "ref", "ref_src", "cmpid", "ocid", "smid", "yclid",
    };

    /// <summary>Lowercases scheme and host, drops the default port, the fragment, tracking parameters and a trailing slash.</summary>
    public static string Normalize(Uri url)
    {
        var builder = new UriBuilder(url)
        {
            Scheme = url.Scheme.ToLowerInvariant(),
            Host = url.Host.ToLowerInvariant(),
            Fragment = "",
        };
        if (url.IsDefaultPort)
        {
            builder.Port = -1;
        }

        var kept = url.Query.TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(pair => !IsTracking(pair.Split('=', 2)[0]))
            .ToList();
        builder.Query = kept.Count == 0 ? "" : string.Join('&', kept);

        var path = builder.Path;
        if (path.Length > 1 && path.EndsWith('/'))
        {
            builder.Path = path.TrimEnd('/');
        }

        return builder.Uri.AbsoluteUri;
    }

    /// <summary>The article id: the first 128 bits of SHA-256 over the canonical URL, as lowercase hex.</summary>
    public static string IdOf(string canonicalUrl) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalUrl)).AsSpan(0, 16));

    private static bool IsTracking(string name) =>
        TrackingNames.Contains(name) || TrackingPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
}
