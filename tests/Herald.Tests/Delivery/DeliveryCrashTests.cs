using System.Diagnostics;
using Herald.Collecting;
using Herald.Editions;
using Herald.Testing;

namespace Herald.Tests.Delivery;

/// <summary>
/// The sending process killed at random moments and started again until the edition is out: nobody may be missing,
/// and duplicates may only come from requests in flight when a process died (the documented bound: at most the
/// recipients of the requests in flight, per kill).
/// </summary>
public class DeliveryCrashTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const int Subscribers = 20_000;
    private const int BatchSize = 500;
    private const int Parallel = 4;
    private const int Kills = 6;

    [Fact]
    public async Task Killing_the_sender_at_random_points_loses_nobody_and_duplicates_stay_within_the_bound()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sink = await SendGridSink.StartAsync(seed: 42);
        sink.FaultRate = 0.2;
        sink.Stall = TimeSpan.FromSeconds(1);
        var prefix = AzuriteFixture.UniquePrefix();
        var settings = new Dictionary<string, string?>
        {
            ["Delivery:Mode"] = "SendGrid",
                ["Delivery:SendGridWebhookPublicKey"] = TestKeys.WebhookPublicKey,
            ["Delivery:SendGridApiKey"] = "SG.crash-test-key",
            ["Delivery:SendGridHost"] = sink.Url.AbsoluteUri,
            ["Delivery:BatchSize"] = BatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Delivery:SendGridTimeout"] = "00:00:02",
            ["Delivery:ClaimLease"] = "00:00:05",
            ["Local:QueueVisibility"] = "00:00:02",
        };
        await using (var herald = await TestHerald.StartAsync(azurite, settings, prefix: prefix, realTime: true))
        {
            await TestSubscribers.AddAsync(herald, Subscribers);
            await herald.Get<ArticleCollector>().CollectAsync(ct);
            Assert.Equal(EditionOutcome.Queued, Assert.Single(await herald.Get<EditionDispatcher>().DispatchAllAsync(ct)).Outcome);
        }

        var environment = settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value);
        environment["HeraldStorage"] = azurite.ConnectionString;
        environment["Storage__NamePrefix"] = prefix;
        var data = Directory.CreateTempSubdirectory("herald-crash-").FullName;
        var random = new Random(4242);
        var kills = 0;
        for (var run = 0; run < 30; run++)
        {
            using var process = Process.Start(HeraldProcess.StartInfo(["send", "--parallel", $"{Parallel}", "--data", data], environment))!;
            var outputTask = process.StandardOutput.ReadToEndAsync(ct);
            var errorsTask = process.StandardError.ReadToEndAsync(ct);
            if (kills < Kills)
            {
                // Kill it somewhere between start-up and well into sending.
                var wait = TimeSpan.FromMilliseconds(random.Next(900, 2600));
                if (!process.WaitForExit(wait))
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync(ct);
                    kills++;
                    output.WriteLine($"run {run}: killed after {wait.TotalSeconds:0.0} s, {sink.Accepted.Count} addresses accepted so far");
                    continue;
                }
            }

            await process.WaitForExitAsync(ct);
            var text = await outputTask;
            output.WriteLine($"run {run}: exit {process.ExitCode}: {text.Trim().Split('\n').LastOrDefault()} {(await errorsTask).Trim()}");
            if (process.ExitCode == 0 && sink.Accepted.Count == Subscribers)
            {
                break;
            }
        }

        var missing = Subscribers - sink.Accepted.Count;
        var duplicates = sink.Duplicates;
        output.WriteLine($"{kills} kills; {sink.Requests} requests; faults {string.Join(", ", sink.FaultsAnswered.Select(f => $"{f.Key} {f.Value}"))}; duplicates {duplicates}; missing {missing}");
        Assert.True(kills >= 3, $"only {kills} kills happened before the edition was out: the test did not test much");
        Assert.Equal(0, missing);
        Assert.InRange(duplicates, 0, kills * Parallel * BatchSize);
        Directory.Delete(data, recursive: true);
    }
}
