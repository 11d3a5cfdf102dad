using Herald.Collecting;
using Herald.Collecting.Fetching;
using Herald.Configuration;
using Herald.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Herald.Cli.Init;

/// <summary>
/// A feed checked the way collecting will read it, before it goes into a configuration: fetched with Herald's own client
/// (its network guard, size limits and redirects) or read from a file, parsed, and summed up — its title, how many items,
/// and the tags its items carry — or refused with the reason and what would allow it.
/// </summary>
public sealed class FeedProbe : IDisposable
{
    private readonly ServiceProvider _services;

    public FeedProbe()
    {
        var services = new ServiceCollection();
        services.AddSingleton<Microsoft.Extensions.Logging.ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>));
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<CollectingOptions>();
        services.AddHeraldWebClients();
        _services = services.BuildServiceProvider();
    }

    public async Task<FeedCheck> CheckAsync(string urlOrFile, bool allowPrivate, CancellationToken cancellationToken)
    {
        try
        {
            var settings = _services.GetRequiredService<IOptions<CollectingOptions>>().Value;
            ParsedFeed feed;
            if (Uri.TryCreate(urlOrFile, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps))
            {
                var fetched = await _services.GetRequiredService<WebFetcher>().FetchAsync(new FetchRequest(url, settings.MaxFeedBytes, allowPrivate, AllowOwnPort: true), cancellationToken);
                feed = FeedParser.Parse(fetched.Content, fetched.FinalUrl, fetched.Charset, settings.MaxItemsPerFeed);
            }
            else if (File.Exists(urlOrFile))
            {
                feed = FeedParser.Parse(await File.ReadAllBytesAsync(urlOrFile, cancellationToken), null, maxItems: settings.MaxItemsPerFeed);
            }
            else
            {
                return FeedCheck.Refused($"'{urlOrFile}' is neither an http(s) address nor a file here.");
            }

            var tags = feed.Items.SelectMany(i => TagNormalizer.NormalizeAll(i.Categories)).Where(t => t.Length > 0)
                .GroupBy(t => t, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Take(8).Select(g => g.Key).ToList();
            return new FeedCheck(true, string.IsNullOrWhiteSpace(feed.Title) ? NameOf(urlOrFile) : feed.Title.Trim(), feed.Items.Count, tags, null);
        }
        catch (Exception ex) when (ex is FeedRejectedException or FetchFailedException or HttpRequestException or IOException or UnauthorizedAccessException or TaskCanceledException or Polly.Timeout.TimeoutRejectedException)
        {
            return FeedCheck.Refused(FetchFailures.Describe(ex) + (allowPrivate ? "" : PrivateHint(ex)));
        }
    }

    /// <summary>A refusal for a private address says how to allow an intranet feed.</summary>
    private static string PrivateHint(Exception ex) =>
        ex.Message.Contains("private address", StringComparison.Ordinal) ? " (for a feed on your own network, answer yes to the private-network question, or pass --allow-private)" : "";

    private static string NameOf(string urlOrFile) =>
        Uri.TryCreate(urlOrFile, UriKind.Absolute, out var url) && url.Host.Length > 0 ? url.Host : Path.GetFileNameWithoutExtension(urlOrFile);

    public void Dispose() => _services.Dispose();
}
