using System.Diagnostics;
using Herald.Collecting.Fetching;
using Herald.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Herald.Collecting;

/// <summary>
/// A source's feed, read and parsed: a local file, or its URL fetched with the validators of the last run (an
/// unchanged feed costs one 304), at most Collecting:MaxFeedBytes and Collecting:MaxItemsPerFeed.
/// </summary>
public sealed class FeedFetcher(WebFetcher web, IOptions<CollectingOptions> options, ILogger<FeedFetcher> logger)
{
    /// <summary>The parsed feed, its validators recorded in <paramref name="state"/>; null when it is unchanged since the last run.</summary>
    public async Task<ParsedFeed?> FetchAsync(FeedSourceOptions source, FeedState state, CollectTimings timings, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var watch = Stopwatch.StartNew();
        byte[] content;
        Uri? feedUrl = null;
        string? charset = null;
        if (!string.IsNullOrWhiteSpace(source.File))
        {
            content = await ReadFileAsync(source.File, settings.MaxFeedBytes, cancellationToken);
        }
        else
        {
            var fetched = await web.FetchAsync(new FetchRequest(new Uri(source.Url!), settings.MaxFeedBytes, source.AllowPrivateNetwork, state.HttpETag, state.HttpLastModified, AllowOwnPort: true), cancellationToken);
            timings.AddFeed(watch.Elapsed);
            if (fetched.NotModified)
            {
                logger.LogInformation("{Feed} is unchanged (304)", source.Name);
                return null;
            }

            (content, feedUrl, charset) = (fetched.Content, fetched.FinalUrl, fetched.Charset);
            state.HttpETag = fetched.ETag;
            state.HttpLastModified = fetched.LastModified;
        }

        watch.Restart();
        var feed = FeedParser.Parse(content, feedUrl, charset, settings.MaxItemsPerFeed);
        timings.AddParse(watch.Elapsed);
        foreach (var note in feed.Notes.Distinct(StringComparer.Ordinal))
        {
            logger.LogInformation("{Feed}: {Note} ({Count})", source.Name, note, feed.Notes.Count(n => n == note));
        }

        return feed;
    }

    /// <summary>The feed's address, or its file resolved the same way it is read, so one file has one state row.</summary>
    public static string SourceKey(FeedSourceOptions source) => source.Url ?? ResolveFile(source.File!);

    private static async Task<byte[]> ReadFileAsync(string file, int maxBytes, CancellationToken cancellationToken)
    {
        var path = ResolveFile(file);
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FeedRejectedException($"feed file '{path}' does not exist.");
        }

        if (info.Length > maxBytes)
        {
            throw new FeedRejectedException($"feed file is {info.Length} bytes; the limit is {maxBytes}.");
        }

        return await File.ReadAllBytesAsync(path, cancellationToken);
    }

    private static string ResolveFile(string file) =>
        Path.IsPathRooted(file) ? file : Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, file));
}
