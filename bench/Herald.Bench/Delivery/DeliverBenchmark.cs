using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Herald.Articles;
using Herald.Configuration;
using Herald.Delivery;
using Herald.Editions;
using Herald.Editions.Scheduling;
using Herald.Local;
using Herald.Mail;
using Herald.Queues;
using Herald.Storage;
using Herald.Subscribers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Herald.Bench.Delivery;

/// <summary>
/// Delivery at scale: N subscribers stored in an in-memory Azurite, one 20-story edition, the fan-out, then every
/// batch sent through Herald's SendGrid transport to a local sink process that counts personalizations and
/// duplicate addresses. In the same run, the raw limit: the very request bodies the sink received, posted again to
/// the same sink by a plain HttpClient with the same parallelism and no Herald logic.
/// </summary>
public static class DeliverBenchmark
{
    public static async Task<int> RunAsync(int subscribers, int batchSize, int parallel, bool gzip, TextWriter output)
    {
        var home = HeraldPaths.Home();
        await using var azurite = await LocalAzurite.StartAsync(home, dataDirectory: null);
        using var sink = await SinkProcess.StartAsync();
        var data = Directory.CreateTempSubdirectory("herald-deliver-").FullName;
        var config = WriteConfig(data);
        using var host = HeraldHost.Build(config, data, new Dictionary<string, string?>
        {
            ["HeraldStorage"] = azurite.ConnectionString,
            ["Delivery:Mode"] = "SendGrid",
            ["Delivery:SendGridApiKey"] = "SG.benchmark",
            // SendGrid mode requires the event webhook's key; the benchmark receives no events, so any P-256 key will do.
            ["Delivery:SendGridWebhookPublicKey"] = Convert.ToBase64String(System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256).ExportSubjectPublicKeyInfo()),
            ["Delivery:SendGridHost"] = sink.Url.AbsoluteUri,
            ["Delivery:SendGridGzip"] = gzip ? "true" : "false",
            ["Delivery:BatchSize"] = batchSize.ToString(CultureInfo.InvariantCulture),
        }, verbose: false);
        await HeraldHost.StartAsync(host);
        var services = host.Services;
        var azuriteProcess = Process.GetProcessById(azurite.ProcessId);
        output.WriteLine($"deliver: {subscribers} subscribers, batches of {batchSize}, {parallel} batches at a time, gzip {(gzip ? "on" : "off")}, Azurite (in memory) pid {azurite.ProcessId}, sink pid {sink.ProcessId}, {Environment.ProcessorCount} cores");

        var watch = Stopwatch.StartNew();
        await AddSubscribersAsync(services.GetRequiredService<SubscriberStore>(), subscribers);
        output.WriteLine(Invariant($"setup: {subscribers} subscribers stored in {watch.Elapsed.TotalSeconds:F1} s (not counted)"));
        var edition = await BuildEditionAsync(services);
        output.WriteLine(Invariant($"setup: edition {edition.Id}, {edition.Stories} stories, HTML {edition.Html.Length / 1024} KB, text {edition.Text.Length / 1024} KB"));

        using var counter = new StorageRequestCounter();
        var fanOutCpu = Cpu(azuriteProcess, sink);
        watch.Restart();
        var fanned = await services.GetRequiredService<EditionFanOut>().RunAsync(edition, CancellationToken.None);
        var fanOutTime = watch.Elapsed;
        var fanOutRequests = counter.Take();
        var fanOutSpent = Cpu(azuriteProcess, sink) - fanOutCpu;

        var sendCpu = Cpu(azuriteProcess, sink);
        watch.Restart();
        var sender = services.GetRequiredService<BatchSender>();
        var drained = await services.GetRequiredService<QueueDrainer>().DrainAsync(
            services.GetRequiredService<HeraldStorage>().SendQueue,
            async (body, ct) => await sender.SendAsync(SendQueue.Parse(body), ct),
            CancellationToken.None,
            parallel);
        var sendTime = watch.Elapsed;
        var sendRequests = counter.Take();
        var sendSpent = Cpu(azuriteProcess, sink) - sendCpu;
        var self = Process.GetCurrentProcess();
        self.Refresh();
        var peakMb = self.PeakWorkingSet64 / 1024.0 / 1024.0;
        var stats = await sink.StatsAsync();
        var missing = subscribers - stats.Distinct;

        var bodies = await sink.BodiesAsync(stats.Bodies);
        await sink.ResetAsync(keepBodies: false);
        var rawCpu = Cpu(azuriteProcess, sink);
        watch.Restart();
        await PostRawAsync(sink.Url, bodies, parallel);
        var rawTime = watch.Elapsed;
        var rawSpent = Cpu(azuriteProcess, sink) - rawCpu;
        var rawStats = await sink.StatsAsync();

        output.WriteLine(Invariant($"fan-out: {fanned.Recipients} recipients in {fanned.Batches} batches, {fanOutTime.TotalSeconds:F2} s; {fanOutRequests} storage requests ({(double)fanOutRequests / subscribers:F4} per recipient); CPU s: Herald {fanOutSpent.Self:F1}, Azurite {fanOutSpent.Azurite:F1}"));
        output.WriteLine(Invariant($"send: {stats.Requests} mail/send requests ({(double)stats.Requests / subscribers:F4} per recipient), {stats.BodyBytes / 1024.0 / 1024.0:F0} MB of bodies, {drained.Processed} batch messages, {drained.Failed} failed; {sendRequests} storage requests ({(double)sendRequests / subscribers:F4} per recipient)"));
        output.WriteLine(Invariant($"  CPU s during send: Herald {sendSpent.Self:F1}, Azurite {sendSpent.Azurite:F1}, sink {sendSpent.Sink:F1} (wall {sendTime.TotalSeconds:F1} s, {Environment.ProcessorCount} cores)"));
        output.WriteLine(Invariant($"raw: the same {bodies.Count} bodies posted by a plain HttpClient, {parallel} at a time: {rawTime.TotalSeconds:F2} s, {rawStats.Personalizations} personalizations; CPU s: poster {rawSpent.Self:F1}, sink {rawSpent.Sink:F1}"));
        output.WriteLine(Invariant($"deliver: {subscribers} recipients, fan-out {fanOutTime.TotalSeconds:F1} s, send {sendTime.TotalSeconds:F1} s, {subscribers / sendTime.TotalSeconds:F0} recipients/s, {sendTime / rawTime:F2} x raw, peak {peakMb:F0} MB, duplicates {stats.Duplicates}, missing {missing}"));
        await host.StopAsync();
        Directory.Delete(data, recursive: true);
        return missing == 0 && stats.Duplicates == 0 && drained.Failed == 0 ? 0 : 1;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private readonly record struct CpuTimes(double Self, double Azurite, double Sink)
    {
        public static CpuTimes operator -(CpuTimes a, CpuTimes b) => new(a.Self - b.Self, a.Azurite - b.Azurite, a.Sink - b.Sink);
    }

    private static CpuTimes Cpu(Process azurite, SinkProcess sink)
    {
        azurite.Refresh();
        return new(Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds, azurite.TotalProcessorTime.TotalSeconds, sink.ProcessorTime.TotalSeconds);
    }

    /// <summary>Stores the subscribers 50,000 at a time (the store batches them by partition, 100 rows a transaction).</summary>
    private static async Task AddSubscribersAsync(SubscriberStore store, int count)
    {
        var now = DateTimeOffset.UtcNow;
        for (var start = 0; start < count; start += 50_000)
        {
            var chunk = Enumerable.Range(start, Math.Min(50_000, count - start)).Select(i =>
            {
                var address = $"reader{i.ToString(CultureInfo.InvariantCulture)}@bench.example";
                return new Subscriber
                {
                    Id = EmailAddresses.IdOf(address),
                    Email = address,
                    Name = i % 3 == 0 ? $"Reader {i.ToString(CultureInfo.InvariantCulture)}" : null,
                    CreatedAt = now,
                    Subscriptions = { ["white-house-watch"] = new Subscription { Status = SubscriberStatus.Active, Origin = "bench", RequestedAt = now, ConfirmedAt = now } },
                };
            });
            await store.AddManyAsync(chunk, 8, CancellationToken.None);
        }
    }

    /// <summary>Twenty stories of made-up news collected an hour ago, built into today's edition as BuildDigests would.</summary>
    private static async Task<Edition> BuildEditionAsync(IServiceProvider services)
    {
        var articles = services.GetRequiredService<ArticleStore>();
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < 20; i++)
        {
            var text = string.Join("\n\n", Enumerable.Range(0, 12).Select(p => Sentence(i, p)));
            var id = $"bench-article-{i:D2}";
            await articles.AddAsync(new Article
            {
                Id = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(id)).AsSpan(0, 16)),
                Url = $"https://bench.example/news/{i}",
                CanonicalUrl = $"https://bench.example/news/{i}",
                Title = $"{Name(i, 0)} and {Name(i, 1)} clash over the {Name(i, 2)} {Objects[i % 8].Split(' ')[^1]} plan",
                Source = $"Bench Wire {i % 4}",
                Text = text,
                PublishedAt = now.AddMinutes(-30 - i),
                CollectedAt = now.AddMinutes(-20),
                Tags = ["us-politics"],
            }, CancellationToken.None);
        }

        var newsletter = services.GetRequiredService<IOptions<HeraldOptions>>().Value.Newsletters[0];
        var edition = await services.GetRequiredService<EditionBuilder>().BuildAsync(newsletter, NewsletterSchedule.For(newsletter).SlotAt(DateTimeOffset.UtcNow), CancellationToken.None);
        return edition.Status == EditionStatus.Skipped ? throw new InvalidOperationException("The benchmark's edition came out empty.") : edition;
    }

    private static readonly string[] Subjects = ["The Senate", "House leaders", "The governor", "A federal judge", "The committee", "State officials", "The White House", "Negotiators"];
    private static readonly string[] Verbs = ["approved", "rejected", "debated", "delayed", "expanded", "questioned", "announced", "revised"];
    private static readonly string[] Objects = ["a spending plan", "new tariffs", "the budget", "a housing bill", "border funding", "the farm bill", "a tax credit", "rail grants"];

    private static readonly string[] Syllables = ["ka", "lo", "ren", "bis", "ta", "mic", "dor", "vel", "an", "tri", "os", "pel", "mar", "quin", "sa", "tu", "ber", "lin", "gro", "vi"];

    /// <summary>A sentence of one story: its own made-up people and places, so the twenty stories stay twenty stories when grouped.</summary>
    private static string Sentence(int story, int n)
    {
        var random = new Random((story * 7919) + n);
        return $"{Subjects[random.Next(8)]} {Verbs[random.Next(8)]} {Objects[random.Next(8)]} for {Name(story, random.Next(6))} in {Name(story, 6 + random.Next(3))} on a vote of {random.Next(40, 60)} to {random.Next(30, 50)}, said {Name(story, random.Next(6))}, with ${random.Next(1, 90)}.{random.Next(10)}bn at stake.";
    }

    private static string Name(int story, int which)
    {
        var random = new Random((story * 104_729) + (which * 31));
        var name = string.Concat(Enumerable.Range(0, 3).Select(_ => Syllables[random.Next(Syllables.Length)]));
        return char.ToUpperInvariant(name[0]) + name[1..];
    }

    private static async Task PostRawAsync(Uri sink, List<(byte[] Body, bool Gzip)> bodies, int parallel)
    {
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { Timeout = TimeSpan.FromMinutes(2) };
        var endpoint = new Uri(sink, "/v3/mail/send");
        await Parallel.ForEachAsync(bodies, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (item, ct) =>
        {
            using var content = new ByteArrayContent(item.Body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            if (item.Gzip)
            {
                content.Headers.ContentEncoding.Add("gzip");
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = content };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "SG.benchmark");
            using var response = await client.SendAsync(request, ct);
            response.EnsureSuccessStatusCode();
        });
    }

    private static string WriteConfig(string data)
    {
        var feed = Path.Combine(data, "empty.rss");
        File.WriteAllText(feed, "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Empty</title><link>https://bench.example/</link></channel></rss>");
        var path = Path.Combine(data, "herald.json");
        File.WriteAllText(path, $$"""
            {
              "Herald": {
                "PublicBaseUrl": "https://herald.bench.example",
                "SigningKey": "deliver-benchmark-signing-key-0123456789",
                "TemplateDirectory": "{{Path.Combine(HeraldPaths.Home(), "templates").Replace("\\", "\\\\", StringComparison.Ordinal)}}",
                "Newsletters": [
                  {
                    "Id": "white-house-watch",
                    "Title": "White House Watch",
                    "Description": "The day in US politics, summarized.",
                    "IncludeTags": [ "us-politics" ],
                    "MaxArticles": 20,
                    "MaxStories": 20,
                    "FromAddress": "watch@herald.bench.example",
                    "FromName": "White House Watch",
                    "PostalAddress": "Herald Bench Desk, 1 Example Street, Springfield, USA",
                    "Sources": [ { "Name": "Empty", "File": "empty.rss" } ]
                  }
                ]
              }
            }
            """);
        return path;
    }
}
