using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Herald.Collecting;
using Herald.Local;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Herald.Bench.Collecting;

/// <summary>
/// N feeds x M teaser items served from a local Kestrel server, collected into a fresh in-memory Azurite: page
/// fetch, extraction, tagging, near-duplicate check and blob/table/queue writes, then a second run where every
/// feed answers 304. The baseline, measured in the same run, is a plain HttpClient GETting the same feeds and pages
/// with the same parallelism and doing nothing else.
/// </summary>
public static class CollectBenchmark
{
    private static readonly string[] NewsTag = ["news"];
    private static readonly string[] PoliticsTag = ["us-politics"];

    public static async Task<int> RunAsync(int feeds, int items, TextWriter output)
    {
        var home = HeraldPaths.Home();
        await using var azurite = await LocalAzurite.StartAsync(home, dataDirectory: null);
        await using var server = await StartServerAsync(feeds, items);
        var baseUrl = server.Urls.First();
        var config = WriteConfig(feeds, new Uri(baseUrl));
        var data = Directory.CreateTempSubdirectory("herald-bench-").FullName;
        using var host = HeraldHost.Build(config, data, new Dictionary<string, string?> { ["HeraldStorage"] = azurite.ConnectionString }, verbose: false);
        await HeraldHost.StartAsync(host);
        var collector = host.Services.GetRequiredService<ArticleCollector>();

        output.WriteLine($"collect: {feeds} feeds x {items} items = {feeds * items} articles, local server {baseUrl}, Azurite (in memory) pid {azurite.ProcessId}, {Environment.ProcessorCount} cores");
        var baseline = await FetchOnlyAsync(feeds, items, new Uri(baseUrl));

        var before = Process.GetCurrentProcess();
        before.Refresh();
        var watch = Stopwatch.StartNew();
        var full = await collector.CollectAsync(CancellationToken.None);
        var fullTime = watch.Elapsed;
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var peakMb = process.PeakWorkingSet64 / 1024.0 / 1024.0;

        watch.Restart();
        var unchanged = await collector.CollectAsync(CancellationToken.None);
        var unchangedTime = watch.Elapsed;

        var t = full.Timings;
        var stageTotal = (t.Feeds + t.Parsing + t.Pages + t.ExtractionAndTagging + t.Storage).TotalSeconds;
        string Share(TimeSpan span) => string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds,7:F1} s ({100 * span.TotalSeconds / stageTotal,4:F1}%)");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"baseline, fetch only (GET {feeds} feeds + {feeds * items} pages, nothing else): {baseline.TotalSeconds:F2} s"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"full collect:       {fullTime.TotalSeconds:F2} s, {full.NewArticles} new articles ({full.NearDuplicates} near-duplicates, {full.KnownArticles - full.NearDuplicates} known), {full.NewArticles / fullTime.TotalSeconds:F0} articles/s, {full.PagesFetched} pages, {full.FailedSources} failed sources; {fullTime / baseline:F1}x the fetch-only baseline"));
        output.WriteLine($"  time by stage (summed over parallel work): feeds {Share(t.Feeds)}, parsing {Share(t.Parsing)}, pages {Share(t.Pages)}, extraction+tagging {Share(t.ExtractionAndTagging)}, storage {Share(t.Storage)}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  peak working set of this process (Herald, the local web server and the benchmark): {peakMb:F0} MB"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"unchanged (all 304): {unchangedTime.TotalSeconds:F2} s, {unchanged.UnchangedSources} of {unchanged.Sources} feeds unchanged, {unchanged.NewArticles} new; {unchangedTime / fullTime:P1} of the full run"));
        await host.StopAsync();
        Directory.Delete(data, recursive: true);
        File.Delete(config);
        return full.NewArticles == feeds * items && unchanged.UnchangedSources == feeds ? 0 : 1;
    }

    private static async Task<TimeSpan> FetchOnlyAsync(int feeds, int items, Uri server)
    {
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 });
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, feeds), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (feed, ct) =>
        {
            _ = await client.GetByteArrayAsync(new Uri(server, $"feeds/{feed}.xml"), ct);
            await Parallel.ForEachAsync(Enumerable.Range(0, items), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (item, ct2) =>
                _ = await client.GetByteArrayAsync(new Uri(server, $"news/{feed}/{item}"), ct2));
        });
        return watch.Elapsed;
    }

    private static async Task<WebApplication> StartServerAsync(int feeds, int items)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var feedCache = new Dictionary<int, string>();
        app.Run(async context =>
        {
            var parts = (context.Request.Path.Value ?? "").Trim('/').Split('/');
            if (parts is ["feeds", var file] && int.TryParse(Path.GetFileNameWithoutExtension(file), out var feed) && feed < feeds)
            {
                var etag = $"\"feed-{feed}\"";
                if (context.Request.Headers.IfNoneMatch == etag)
                {
                    context.Response.StatusCode = StatusCodes.Status304NotModified;
                    return;
                }

                context.Response.Headers.ETag = etag;
                context.Response.ContentType = "application/rss+xml; charset=utf-8";
                string xml;
                lock (feedCache)
                {
                    xml = feedCache.TryGetValue(feed, out var cached) ? cached : feedCache[feed] = SyntheticNews.Feed(feed, items, new Uri(context.Request.Scheme + "://" + context.Request.Host + "/"));
                }

                await context.Response.WriteAsync(xml);
            }
            else if (parts is ["news", var f, var i] && int.TryParse(f, out var pageFeed) && int.TryParse(i, out var item))
            {
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.WriteAsync(SyntheticNews.Page(pageFeed, item));
            }
            else
            {
                context.Response.StatusCode = 404;
            }
        });
        await app.StartAsync();
        _ = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>();
        return app;
    }

    private static string WriteConfig(int feeds, Uri server)
    {
        var path = Path.Combine(Path.GetTempPath(), $"herald-bench-{Guid.NewGuid():N}.json");
        var config = new
        {
            Herald = new
            {
                PublicBaseUrl = "http://localhost:7071",
                SigningKey = "benchmark-signing-key-0123456789abcdef",
                TemplateDirectory = Path.Combine(HeraldPaths.Home(), "templates"),
                Sources = Enumerable.Range(0, feeds).Select(f => new { Name = $"Feed {f}", Url = new Uri(server, $"feeds/{f}.xml").AbsoluteUri, AllowPrivateNetwork = true, Tags = NewsTag }),
                Newsletters = new[] { new { Id = "bench", Title = "Bench", IncludeTags = PoliticsTag, FromAddress = "bench@herald.example", PostalAddress = "Bench" } },
            },
        };
        File.WriteAllText(path, JsonSerializer.Serialize(config));
        return path;
    }
}
