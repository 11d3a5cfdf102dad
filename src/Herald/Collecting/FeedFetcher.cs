using Herald.Configuration;

namespace Herald.Collecting;

/// <summary>Reads a feed's bytes from its URL or, for development sources, its local file. Sizes are capped.</summary>
public sealed class FeedFetcher(IHttpClientFactory httpClientFactory)
{
    public const string HttpClientName = "herald-feeds";
    public const int MaxFeedBytes = 10 * 1024 * 1024;

    public async Task<(byte[] Content, Uri? Url)> FetchAsync(FeedSourceOptions source, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(source.File))
        {
            var path = ResolvePath(source.File);
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new FeedRejectedException($"feed file '{path}' does not exist.");
            }

            if (info.Length > MaxFeedBytes)
            {
                throw new FeedRejectedException($"feed file is {info.Length} bytes; the limit is {MaxFeedBytes}.");
            }

            return (await File.ReadAllBytesAsync(path, cancellationToken), null);
        }

        var url = new Uri(source.Url!, UriKind.Absolute);
        if (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
        {
            throw new FeedRejectedException($"only http(s) feeds are read, not '{url.Scheme}'.");
        }

        var client = httpClientFactory.CreateClient(HttpClientName);
        using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new FeedRejectedException($"the server answered {(int)response.StatusCode} {response.ReasonPhrase}.");
        }

        if (response.Content.Headers.ContentLength > MaxFeedBytes)
        {
            throw new FeedRejectedException($"the feed is {response.Content.Headers.ContentLength} bytes; the limit is {MaxFeedBytes}.");
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxFeedBytes)
            {
                throw new FeedRejectedException($"the feed is larger than the limit of {MaxFeedBytes} bytes.");
            }

            buffer.Write(chunk, 0, read);
        }

        return (buffer.ToArray(), response.RequestMessage?.RequestUri ?? url);
    }

    internal static string ResolvePath(string path) =>
        Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, path));
}
