using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Herald.Local;
using Herald.Mail;
using Herald.Storage;
using Herald.Subscribers;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Bench.Site;

/// <summary>
/// Sign-ups under load: "herald serve" as its own process (the CLI the user runs) on loopback, against Azurite on
/// disk, with the sample newsletter. Many clients (each its own address through X-Forwarded-For, which the site
/// is told to trust) sign up for a fixed time, each within the per-client and per-address limits; one sign-up in ten
/// is a person sending the form again. Requests arrive at a fixed rate (an open loop). Then the queue is drained and
/// every address is looked for: one subscriber and one confirmation email each, none lost, none doubled. The
/// baseline, in the same run, at the same rate, against the same server: the sign-up page itself (GET, rendered, no
/// storage).
/// </summary>
public static class SignUpBenchmark
{
    private const string Newsletter = "white-house-watch";

    public static async Task<int> RunAsync(TimeSpan duration, int rate, TextWriter output)
    {
        var home = HeraldPaths.Home();
        var cli = Path.Combine(home, "cli", "bin", "Release", "net10.0", "Herald.Cli.dll");
        if (!File.Exists(cli))
        {
            await Console.Error.WriteLineAsync($"{cli} is missing: build the CLI first (dotnet build cli -c Release).");
            return 2;
        }

        // Azurite on disk, as "herald serve" runs it: in memory, its queue's once-a-minute garbage collection stalls
        // every request for 10-15 s once a few thousand messages have passed (seen here; on disk it takes under a second).
        var data = Directory.CreateTempSubdirectory("herald-signup-").FullName;
        await using var azurite = await LocalAzurite.StartAsync(home, dataDirectory: Path.Combine(data, "azurite"));
        var port = LocalPorts.Free();
        var settings = new Dictionary<string, string?>
        {
            ["HeraldStorage"] = azurite.ConnectionString,
            ["Herald:PublicBaseUrl"] = $"http://127.0.0.1:{port}",
            ["Site:ClientIpHeader"] = "X-Forwarded-For",
            // The operator sizes the total limit above the expected peak (here 20 % above the offered rate); the per-client
            // and per-address limits stay at their defaults.
            ["Site:SignUpsPerMinute"] = (rate * 72).ToString(CultureInfo.InvariantCulture),
            ["Local:SubscribersFile"] = "",
        };
        var config = Path.Combine(home, "samples", "white-house-watch", "herald.json");
        using var serve = await HeraldServeProcess.StartAsync(cli, config, data, port, settings);
        var limits = (PerClient: 10, PerAddress: 5); // the defaults of Site:SignUpsPerClientPerMinute and Site:SignUpsPerAddressPerHour
        output.WriteLine($"signup: herald serve pid {serve.ProcessId} on 127.0.0.1:{port}, Azurite (on disk) pid {azurite.ProcessId}, {rate} requests/s offered for {duration.TotalSeconds:F0} s, {Environment.ProcessorCount} cores; each client sends at most {limits.PerClient} sign-ups, each address at most 2");

        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, UseCookies = false }) { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        var accepted = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        async Task<HttpStatusCode> SignUpAsync(int i, CancellationToken ct)
        {
            // Client i / 10 sends requests i..i+9: ten sign-ups, the tenth the form sent again for its first address.
            var clientNumber = i / limits.PerClient;
            var address = i % limits.PerClient == limits.PerClient - 1 ? Address(i - (limits.PerClient - 1)) : Address(i);
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/subscribe", UriKind.Relative))
            {
                Content = i % 2 == 0
                    ? new FormUrlEncodedContent([new("newsletter", Newsletter), new("email", address), new("name", $"Reader {i}")])
                    : new StringContent($$"""{"newsletter":"{{Newsletter}}","email":"{{address}}"}""", System.Text.Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("X-Forwarded-For", ClientAddress(clientNumber));
            using var response = await client.SendAsync(request, ct);
            await response.Content.CopyToAsync(Stream.Null, ct);
            if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted)
            {
                accepted.AddOrUpdate(address, 1, (_, n) => n + 1);
            }

            return response.StatusCode;
        }

        async Task<HttpStatusCode> PageAsync(int i, CancellationToken ct)
        {
            using var response = await client.GetAsync(new Uri($"/api/subscribe/{Newsletter}", UriKind.Relative), ct);
            await response.Content.CopyToAsync(Stream.Null, ct);
            return response.StatusCode;
        }

        // Warm-up (not counted, but its sign-ups are checked like the others): the first requests pay for compiling.
        await LoadAsync(TimeSpan.FromSeconds(3), rate, PageAsync);
        await LoadAsync(TimeSpan.FromSeconds(3), rate, (i, ct) => SignUpAsync(1_000_000 + i, ct));

        var baselineDuration = TimeSpan.FromSeconds(Math.Max(5, duration.TotalSeconds / 4));
        var page = await LoadAsync(baselineDuration, rate, PageAsync);
        output.WriteLine(Invariant($"baseline (the sign-up page, GET, same rate): {page.Count} requests in {baselineDuration.TotalSeconds:F0} s, {page.PerSecond:F0} req/s, p50 {page.P50:F1} ms, p99 {page.P99:F1} ms, statuses {page.Statuses}"));

        var signUps = await LoadAsync(duration, rate, SignUpAsync);
        var serverErrors = signUps.StatusCounts.Where(s => (int)s.Key >= 500).Sum(s => s.Value) + signUps.Failures;
        var refused = signUps.StatusCounts.Where(s => (int)s.Key is >= 400 and < 500).Sum(s => s.Value);
        output.WriteLine(Invariant($"sign-ups (POST, form and JSON): {signUps.Count} requests in {duration.TotalSeconds:F0} s, {signUps.PerSecond:F0} req/s, p50 {signUps.P50:F1} ms, p99 {signUps.P99:F1} ms ({signUps.P99 / page.P99:F2} x the page's p99), statuses {signUps.Statuses}, connection failures {signUps.Failures}"));

        // Every accepted address must become exactly one pending subscriber with exactly one confirmation email.
        using var reader = HeraldHost.Build(config, data, settings.ToDictionary(), verbose: false);
        await HeraldHost.StartAsync(reader);
        var watch = Stopwatch.StartNew();
        var queue = reader.Services.GetRequiredService<HeraldStorage>().SignUpQueue;
        var reported = TimeSpan.Zero;
        while ((await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount is var waiting and > 0 && watch.Elapsed < TimeSpan.FromMinutes(10))
        {
            if (watch.Elapsed - reported > TimeSpan.FromSeconds(10))
            {
                reported = watch.Elapsed;
                output.WriteLine(Invariant($"  {waiting} sign-ups still queued after {watch.Elapsed.TotalSeconds:F0} s"));
            }

            await Task.Delay(500);
        }

        await Task.Delay(2000); // the messages being processed when the queue looked empty
        var drained = watch.Elapsed;
        var subscribers = new Dictionary<string, Subscriber>(StringComparer.Ordinal);
        await foreach (var subscriber in reader.Services.GetRequiredService<SubscriberStore>().ListAsync(Newsletter, null, CancellationToken.None))
        {
            subscribers[subscriber.Email] = subscriber;
        }

        var confirmations = Directory.Exists(Path.Combine(data, "outbox"))
            ? Directory.GetFiles(Path.Combine(data, "outbox"), "*.eml", SearchOption.AllDirectories).Select(f => Path.GetFileName(f)[..32]).GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count())
            : [];
        var lost = accepted.Keys.Count(a => !subscribers.TryGetValue(a, out var s) || s.StatusFor(Newsletter) != SubscriberStatus.Pending || !confirmations.ContainsKey(EmailAddresses.IdOf(a)));
        var unexpected = subscribers.Keys.Count(a => !accepted.ContainsKey(a));
        var doubled = confirmations.Values.Count(n => n > 1);
        output.WriteLine(Invariant($"stored: {accepted.Count} distinct addresses accepted, {subscribers.Count} pending subscribers, {confirmations.Values.Sum()} confirmation emails; queue drained {drained.TotalSeconds:F1} s after the load ended"));
        output.WriteLine(Invariant($"signup: {signUps.PerSecond:F0} req/s, p99 {signUps.P99:F1} ms, {signUps.P99 / page.P99:F2} x page p99, 5xx {serverErrors}, 4xx {refused}, lost {lost}, unexpected {unexpected}, doubled confirmations {doubled}, queue drained {drained.TotalSeconds:F1} s after, {serve.FailedAttempts} handler attempts failed and retried"));

        await reader.StopAsync();
        serve.Dispose();
        await azurite.DisposeAsync();
        Directory.Delete(data, recursive: true);
        return serverErrors == 0 && refused == 0 && lost == 0 && unexpected == 0 && doubled == 0 ? 0 : 1;
    }

    private static string Address(int i) => $"reader{i.ToString(CultureInfo.InvariantCulture)}@load.example";

    /// <summary>A distinct documentation-range address per client (198.18.0.0/15 is set aside for benchmarks).</summary>
    private static string ClientAddress(int n) => $"198.{18 + (n >> 16 & 1)}.{n >> 8 & 255}.{n & 255}";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record LoadResult(int Count, double PerSecond, double P50, double P99, Dictionary<HttpStatusCode, int> StatusCounts, int Failures)
    {
        public string Statuses => string.Join(", ", StatusCounts.OrderBy(s => s.Key).Select(s => $"{(int)s.Key} x{s.Value}"));
    }

    /// <summary>
    /// Requests numbered 0, 1, 2, ... started at <paramref name="rate"/> a second whatever the answers' pace (an open
    /// loop, as strangers arrive), for <paramref name="duration"/>. Latency counts from when a request was due, so a
    /// server that falls behind shows it.
    /// </summary>
    private static async Task<LoadResult> LoadAsync(TimeSpan duration, int rate, Func<int, CancellationToken, Task<HttpStatusCode>> send)
    {
        var latencies = new ConcurrentBag<double>();
        var statuses = new ConcurrentDictionary<HttpStatusCode, int>();
        var failures = 0;
        var requests = new List<Task>();
        var watch = Stopwatch.StartNew();
        for (var i = 0; ; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            if (due >= duration)
            {
                break;
            }

            if (due - watch.Elapsed is { Ticks: > 0 } wait)
            {
                await Task.Delay(wait);
            }

            var number = i;
            requests.Add(Task.Run(async () =>
            {
                try
                {
                    var status = await send(number, CancellationToken.None);
                    statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref failures);
                }

                latencies.Add((watch.Elapsed - due).TotalMilliseconds);
            }));
        }

        await Task.WhenAll(requests);
        var elapsed = watch.Elapsed;
        var sorted = latencies.Order().ToArray();
        return new LoadResult(sorted.Length, sorted.Length / elapsed.TotalSeconds, Percentile(sorted, 0.50), Percentile(sorted, 0.99), new Dictionary<HttpStatusCode, int>(statuses), failures);
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
