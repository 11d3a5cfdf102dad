using Azure.Storage.Queues;
using Herald.Collecting;
using Herald.Configuration;
using Herald.Delivery;
using Herald.Editions;
using Herald.Editions.Scheduling;
using Herald.Local;
using Herald.Mail;
using Herald.Storage;
using Herald.Subscribers;
using Herald.Testing;
using Microsoft.Extensions.Options;

namespace Herald.Tests.Delivery;

/// <summary>An edition's fan-out: every active subscriber in exactly one batch, however often it is interrupted or run at once.</summary>
public class FanOutTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(7)]
    public async Task A_fan_out_interrupted_part_way_is_finished_by_the_next_run_with_everyone_sent_once(int interruptAfterMessages)
    {
        await using var sink = await SendGridSink.StartAsync();
        await using var herald = await TestHerald.StartAsync(azurite, SendGridSettings(sink, batchSize: 100));
        var addresses = await TestSubscribers.AddAsync(herald, 1_000);
        await herald.Get<ArticleCollector>().CollectAsync(Ct);
        herald.Time.Advance(TimeSpan.FromMinutes(5));

        // The instance "dies" at whatever step it is on once a few batch messages are queued.
        using var crash = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var watcher = CancelWhenQueuedAsync(herald.Get<HeraldStorage>().SendQueue, interruptAfterMessages, crash);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => herald.Get<EditionDispatcher>().DispatchAsync(Newsletter(herald), crash.Token));
        await watcher;
        var interrupted = (await herald.Get<DeliveryLedger>().GetFanOutAsync("white-house-watch-20261125-0600", Ct))!;
        Assert.False(interrupted.Complete);

        herald.Time.Advance(TimeSpan.FromDays(1));
        var nextDay = await herald.Get<EditionDispatcher>().DispatchAsync(Newsletter(herald), Ct);
        var (_, sent, _) = await new LocalPipeline(herald.Host).SendQueuedAsync(Ct, parallelism: 4);

        Assert.Equal("white-house-watch-20261125-0600", nextDay.Resumed);
        var resumed = await herald.Get<DeliveryLedger>().GetFanOutAsync("white-house-watch-20261125-0600", Ct);
        Assert.True(resumed!.Complete, $"the resumed fan-out stopped at batch {resumed.Batches} ({resumed.Recipients} recipients)");
        Assert.Equal(1_000, sent);
        Assert.All(addresses, a => Assert.Equal(1, sink.Accepted.GetValueOrDefault(a)));
        var batches = await herald.Get<DeliveryOverview>().BatchesAsync("white-house-watch-20261125-0600", Ct);
        Assert.Equal(1_000, batches.Sum(b => b.Recipients));
        Assert.True(batches.Zip(batches.Skip(1)).All(p => string.CompareOrdinal(p.First.LastId, p.Second.FirstId) < 0), "batches overlap");
    }

    [Fact]
    public async Task Two_fan_outs_of_one_edition_at_once_cut_each_subscriber_into_one_batch()
    {
        await using var herald = await TestHerald.StartAsync(azurite, new Dictionary<string, string?> { ["Delivery:BatchSize"] = "50" });
        await TestSubscribers.AddAsync(herald, 600);
        await herald.Get<ArticleCollector>().CollectAsync(Ct);
        herald.Time.Advance(TimeSpan.FromMinutes(5));
        var edition = await herald.Get<EditionBuilder>().BuildAsync(Newsletter(herald), NewsletterSchedule.For(Newsletter(herald)).SlotAt(herald.Time.GetUtcNow().AddMinutes(-5)), Ct);

        var runs = await Task.WhenAll(herald.Get<EditionFanOut>().RunAsync(edition, Ct), herald.Get<EditionFanOut>().RunAsync(edition, Ct));

        Assert.Contains(runs, r => r.Complete);
        var batches = await herald.Get<DeliveryOverview>().BatchesAsync(edition.Id, Ct);
        Assert.Equal((12, 600), (batches.Count, batches.Sum(b => b.Recipients)));
        Assert.True(batches.Zip(batches.Skip(1)).All(p => string.CompareOrdinal(p.First.LastId, p.Second.FirstId) < 0), "batches overlap");
    }

    [Fact]
    public async Task Someone_who_unsubscribes_after_the_fan_out_is_left_out_of_the_send()
    {
        await using var sink = await SendGridSink.StartAsync();
        await using var herald = await TestHerald.StartAsync(azurite, SendGridSettings(sink, batchSize: 100));
        var addresses = await TestSubscribers.AddAsync(herald, 300);
        await herald.Get<ArticleCollector>().CollectAsync(Ct);
        herald.Time.Advance(TimeSpan.FromMinutes(5));
        await herald.Get<EditionDispatcher>().DispatchAllAsync(Ct);

        herald.Time.Advance(TimeSpan.FromMinutes(1));
        var leaving = EmailAddresses.IdOf(addresses[123]);
        var token = herald.Get<SubscriberTokens>().Create(TokenPurpose.Unsubscribe, "white-house-watch", leaving);
        Assert.Equal(ChangeOutcome.Done, await herald.Get<OptOutService>().UnsubscribeAsync(token, Ct));
        var (_, sent, _) = await new LocalPipeline(herald.Host).SendQueuedAsync(Ct, parallelism: 2);

        Assert.Equal(299, sent);
        Assert.DoesNotContain(addresses[123], sink.Accepted.Keys);
        Assert.Equal(1, Assert.Single(await herald.Get<DeliveryOverview>().ListAsync(null, Ct)).OptedOut);
    }

    private static NewsletterOptions Newsletter(TestHerald herald) => herald.Get<IOptions<HeraldOptions>>().Value.Newsletters[0];

    private static Dictionary<string, string?> SendGridSettings(SendGridSink sink, int batchSize) => new()
    {
        ["Delivery:Mode"] = "SendGrid",
                ["Delivery:SendGridWebhookPublicKey"] = TestKeys.WebhookPublicKey,
        ["Delivery:SendGridApiKey"] = "SG.fan-out-test-key",
        ["Delivery:SendGridHost"] = sink.Url.AbsoluteUri,
        ["Delivery:BatchSize"] = batchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static async Task CancelWhenQueuedAsync(QueueClient queue, int messages, CancellationTokenSource crash)
    {
        while (!crash.IsCancellationRequested)
        {
            if ((await queue.ExistsAsync(Ct)).Value && (await queue.GetPropertiesAsync(Ct)).Value.ApproximateMessagesCount >= messages)
            {
                await crash.CancelAsync();
                return;
            }

            await Task.Delay(1, Ct);
        }
    }
}
