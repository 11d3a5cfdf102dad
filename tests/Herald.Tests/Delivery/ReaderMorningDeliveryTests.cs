using Herald.Collecting;
using Herald.Delivery;
using Herald.Editions;
using Herald.Local;
using Herald.Queues;
using Herald.Storage;
using Herald.Testing;

namespace Herald.Tests.Delivery;

/// <summary>
/// A newsletter delivered in each reader's morning: built once at its slot, fanned out once, each batch's readers
/// released by the queue at seven on their own clocks, everyone exactly once.
/// </summary>
public class ReaderMorningDeliveryTests(AzuriteFixture azurite)
{
    private const string EditionId = "white-house-watch-20261125-0600";
    private static readonly string?[] Zones = [null, "America/Los_Angeles", "Asia/Kolkata", "Europe/London"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_reader_gets_the_edition_at_seven_their_time_and_everyone_gets_it_once()
    {
        await using var sink = await SendGridSink.StartAsync();
        await using var herald = await TestHerald.StartAsync(azurite, new Dictionary<string, string?>
        {
            ["Herald:Newsletters:0:ReaderTime"] = "07:00",
            ["Delivery:Mode"] = "SendGrid",
            ["Delivery:SendGridApiKey"] = "SG.reader-morning-test-key",
            ["Delivery:SendGridWebhookPublicKey"] = TestKeys.WebhookPublicKey,
            ["Delivery:SendGridHost"] = sink.Url.AbsoluteUri,
            ["Delivery:BatchSize"] = "100",
            ["Local:MaxQueueWait"] = "00:00:02",
        });
        var addresses = await TestSubscribers.AddAsync(herald, 400, timeZone: i => Zones[i % 4]);
        string[] ZoneReaders(int zone) => [.. addresses.Where((_, i) => i % 4 == zone)];
        await herald.Get<ArticleCollector>().CollectAsync(Ct);

        // The 06:00 New York edition is built (late) three seconds before New York readers' 07:00 (12:00 UTC).
        herald.Time.SetUtcNow(new DateTimeOffset(2026, 11, 25, 11, 59, 57, TimeSpan.Zero));
        await herald.Get<EditionDispatcher>().DispatchAllAsync(Ct);
        var queue = herald.Get<HeraldStorage>().SendQueue;
        Assert.Equal(16, (await queue.GetPropertiesAsync(Ct)).Value.ApproximateMessagesCount); // 4 batches x 4 release times
        Assert.Empty((await queue.PeekMessagesAsync(1, Ct)).Value);

        // Azurite makes New York's messages visible at their time; the rest stay hidden for hours.
        herald.Time.SetUtcNow(new DateTimeOffset(2026, 11, 25, 12, 0, 1, TimeSpan.Zero));
        await Eventually.GetAsync(async () => (await queue.PeekMessagesAsync(1, Ct)).Value.Length > 0 ? "visible" : null, "New York's messages to become visible");
        var (drain, newYork, _) = await new LocalPipeline(herald.Host).SendQueuedAsync(Ct);
        Assert.Equal((100, 12), (newYork, drain.Waiting));
        Assert.Equal(ZoneReaders(0).Order(StringComparer.Ordinal), sink.Accepted.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(12, (await queue.GetPropertiesAsync(Ct)).Value.ApproximateMessagesCount);

        // The hidden messages, handled at their release times as the queue hands them out.
        var waiting = new List<SendBatch>();
        for (var batch = 1; batch <= 4; batch++)
        {
            var list = (await herald.Get<BatchRecipients>().ReadAsync(EditionId, batch, Ct))!;
            Assert.True(list.Zip(list.Skip(1)).All(p => p.First.ReleaseAt <= p.Second.ReleaseAt), $"batch {batch} is not in release order");
            waiting.AddRange(list.Select(r => r.ReleaseAt).Distinct().Where(at => at > herald.Time.GetUtcNow()).Select(at => new SendBatch("white-house-watch", "2026-11-25-0600", EditionId, batch, at)));
        }

        var sender = herald.Get<BatchSender>();
        var releases = new[]
        {
            (Zone: 1, At: new DateTimeOffset(2026, 11, 25, 15, 0, 0, TimeSpan.Zero)), // 07:00 in Los Angeles
            (Zone: 2, At: new DateTimeOffset(2026, 11, 26, 1, 30, 0, TimeSpan.Zero)), // 07:00 in Kolkata
            (Zone: 3, At: new DateTimeOffset(2026, 11, 26, 7, 0, 0, TimeSpan.Zero)), // 07:00 in London
        };
        Assert.Equal(releases.Select(r => r.At), waiting.Select(m => m.ReleaseAt!.Value).Distinct().Order());
        var expected = new HashSet<string>(ZoneReaders(0), StringComparer.Ordinal);
        foreach (var (zone, at) in releases)
        {
            herald.Time.SetUtcNow(at.AddSeconds(-30));
            var early = await sender.SendAsync(waiting.First(m => m.ReleaseAt == at), Ct);
            Assert.True(early.Deferred, "a message handed out before its release time is put back");
            Assert.Equal(expected.Count, sink.Accepted.Count);

            herald.Time.SetUtcNow(at.AddSeconds(1));
            var reports = new List<BatchReport>();
            foreach (var message in waiting.Where(m => m.ReleaseAt == at))
            {
                reports.Add(await sender.SendAsync(message, Ct));
            }

            Assert.Equal(100, reports.Sum(r => r.Sent));
            Assert.All(reports, r => Assert.Equal(zone < 3, r.Waiting)); // the last release finishes each batch

            expected.UnionWith(ZoneReaders(zone));
            Assert.Equal(expected.Order(StringComparer.Ordinal), sink.Accepted.Keys.Order(StringComparer.Ordinal));
        }

        Assert.All(addresses, a => Assert.Equal(1, sink.Accepted[a]));
        var batches = await herald.Get<DeliveryOverview>().BatchesAsync(EditionId, Ct);
        Assert.All(batches, b => Assert.Equal((BatchState.Sent, 100, 100), (b.Status, b.Sent, b.Progress)));
    }

    [Fact]
    public async Task A_redriven_batch_message_sends_what_is_released_and_queues_itself_for_the_next_release()
    {
        await using var herald = await TestHerald.StartAsync(azurite, new Dictionary<string, string?>
        {
            ["Herald:Newsletters:0:ReaderTime"] = "07:00",
            ["Delivery:BatchSize"] = "100",
        });
        await TestSubscribers.AddAsync(herald, 40, timeZone: i => Zones[i % 2]);
        await herald.Get<ArticleCollector>().CollectAsync(Ct);
        herald.Time.SetUtcNow(new DateTimeOffset(2026, 11, 25, 12, 30, 0, TimeSpan.Zero));
        await herald.Get<EditionDispatcher>().DispatchAllAsync(Ct);
        var queue = herald.Get<HeraldStorage>().SendQueue;
        await queue.ClearMessagesAsync(Ct); // as if its messages went to the poison queue

        var first = await herald.Get<BatchSender>().SendAsync(new SendBatch("white-house-watch", "2026-11-25-0600", EditionId, 1), Ct);

        Assert.Equal((20, true), (first.Sent, first.Waiting));
        Assert.Equal(1, (await queue.GetPropertiesAsync(Ct)).Value.ApproximateMessagesCount);
        herald.Time.SetUtcNow(new DateTimeOffset(2026, 11, 25, 15, 0, 1, TimeSpan.Zero));
        var rest = await herald.Get<BatchSender>().SendAsync(new SendBatch("white-house-watch", "2026-11-25-0600", EditionId, 1, new DateTimeOffset(2026, 11, 25, 15, 0, 0, TimeSpan.Zero)), Ct);
        Assert.Equal((20, false), (rest.Sent, rest.Waiting));
        Assert.Equal(40, Directory.GetFiles(herald.Outbox, "*.eml", SearchOption.AllDirectories).Length);
    }
}
