using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace Herald.Collecting.Fetching;

/// <summary>
/// GETs feeds and pages through IHttpClientFactory clients with standard resilience (per-attempt and total
/// timeouts, retries with backoff, a circuit per host), following redirects itself so that each hop is checked:
/// http(s) only, at most Collecting:MaxRedirects, ports 80 and 443 (or the source's own), and a private address only
/// for the source's own host when allowed; through Collecting:Proxy, only to a target that resolves here to public addresses.
/// </summary>
public sealed class WebFetcher(IHttpClientFactory clients, IOptions<CollectingOptions> options)
{
    public const string PublicClient = "herald-web";
    public const string PrivateClient = "herald-web-private";

    public async Task<FetchResult> FetchAsync(FetchRequest request, CancellationToken cancellationToken)
    {
        var url = request.Url;
        for (var hop = 0; ; hop++)
        {
            if (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
            {
                throw new FetchFailedException($"only http(s) addresses are read, not '{url.Scheme}:'.");
            }

            var ownAuthority = string.Equals(url.Authority, request.Url.Authority, StringComparison.OrdinalIgnoreCase);
            var allowedPort = request.AllowOwnPort && ownAuthority ? url.Port : (int?)null;
            if (!NetworkGuard.IsAllowedPort(url.Port, allowedPort))
            {
                throw new FetchFailedException($"refused {url.Host}:{url.Port}: Herald reads the web on ports 80 and 443 (a source's own address may name another).");
            }

            var privateAllowed = request.AllowPrivateHost && ownAuthority;
            if (!privateAllowed && IPAddress.TryParse(url.DnsSafeHost, out var literal) && !NetworkGuard.IsPublic(literal))
            {
                // Said here for addresses written out; names are checked on what DNS answers, when the socket connects.
                throw new FetchFailedException($"refused {url.Host}: it is a private address (loopback, link-local, a private network or another special-purpose range); an intranet feed is read when its source sets AllowPrivateNetwork: true.");
            }

            if (!string.IsNullOrEmpty(options.Value.Proxy) && await NetworkGuard.ProxiedTargetProblemAsync(url, privateAllowed, cancellationToken) is { } problem)
            {
                throw new FetchFailedException(problem);
            }

            var client = clients.CreateClient(privateAllowed ? PrivateClient : PublicClient);
            using var message = new HttpRequestMessage(HttpMethod.Get, url);
            if (allowedPort is { } port)
            {
                message.Options.Set(NetworkGuard.AllowedPort, port);
            }

            if (request.ETag is not null && EntityTagHeaderValue.TryParse(request.ETag, out var etag))
            {
                message.Headers.IfNoneMatch.Add(etag);
            }

            if (request.LastModified is not null && DateTimeOffset.TryParse(request.LastModified, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var modified))
            {
                message.Headers.IfModifiedSince = modified;
            }

            using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var status = (int)response.StatusCode;
            if (status is 301 or 302 or 303 or 307 or 308)
            {
                if (hop >= options.Value.MaxRedirects)
                {
                    throw new FetchFailedException($"more than {options.Value.MaxRedirects} redirects.");
                }

                var location = response.Headers.Location ?? throw new FetchFailedException($"redirect {status} without a Location.");
                url = location.IsAbsoluteUri ? location : new Uri(url, location);
                continue;
            }

            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                return new FetchResult(true, [], url, null, null, request.ETag, request.LastModified);
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new FetchFailedException($"the server answered {status} {response.ReasonPhrase}.");
            }

            var content = await ReadCappedAsync(response.Content, request.MaxBytes, cancellationToken);
            return new FetchResult(
                false,
                content,
                url,
                response.Content.Headers.ContentType?.CharSet,
                response.Content.Headers.ContentType?.MediaType,
                response.Headers.ETag?.ToString(),
                response.Content.Headers.LastModified?.ToString("R"));
        }
    }

    /// <summary>Reads at most <paramref name="maxBytes"/>; a larger body is refused without being read to its end.</summary>
    private static async Task<byte[]> ReadCappedAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > maxBytes)
        {
            throw new FetchFailedException($"the response is {content.Headers.ContentLength} bytes; the limit is {maxBytes}.");
        }

        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw new FetchFailedException($"the response is larger than the limit of {maxBytes} bytes.");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
