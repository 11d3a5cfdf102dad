using Azure.Storage.Queues.Models;
using Herald.Functions.Queues;
using Herald.Functions.Timers;
using Herald.Local;
using Herald.Storage;
using Herald.Testing;
using Microsoft.Azure.Functions.Worker;

namespace Herald.Tests.Functions;

/// <summary>
/// The timer and queue function classes driven as the host drives them: timers fire, and each queue message
/// body that the core enqueued is handed to the queue function as a string.
/// </summary>
public class TriggerFunctionTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Timers_and_queues_together_deliver_the_digest()
    {
        await using var herald = await TestHerald.StartAsync(azurite);
        await SampleSubscribers.ImportAsync(herald.Get<Herald.Subscribers.SubscriberImports>(), Path.Combine(RepositoryPaths.Root, "samples", "white-house-watch", "subscribers.json"), Ct);
        var storage = herald.Get<HeraldStorage>();

        await herald.Create<CollectArticles>().Run(new TimerInfo(), Ct);
        var summarize = herald.Create<SummarizeArticle>();
        var summarized = 0;
        foreach (var body in await TakeAllAsync(storage.SummarizeQueue))
        {
            Assert.Equal(Herald.Summarizing.SummarizeOutcome.Summarized, await summarize.Run(body, Ct));
            summarized++;
        }

        herald.Time.Advance(TimeSpan.FromMinutes(10));
        await herald.Create<BuildDigests>().Run(new TimerInfo(), Ct);
        var send = herald.Create<SendDigestBatch>();
        var sent = 0;
        foreach (var body in await TakeAllAsync(storage.SendQueue))
        {
            sent += (await send.Run(body, Ct)).Sent;
        }

        Assert.Equal(15, summarized);
        Assert.Equal(3, sent);
        Assert.Equal(3, Directory.GetFiles(herald.Outbox, "*.eml", SearchOption.AllDirectories).Length);
    }

    [Fact]
    public async Task The_prune_timer_forgets_provider_events_older_than_a_week()
    {
        await using var herald = await TestHerald.StartAsync(azurite);
        var events = herald.Get<Herald.Delivery.ProviderEventLog>();
        await events.TakeAsync(["week-old"], Ct);
        herald.Time.Advance(TimeSpan.FromDays(8));

        await herald.Create<PruneRecords>().Run(new TimerInfo(), Ct);

        Assert.Equal(["week-old"], (await events.TakeAsync(["week-old"], Ct)).Fresh);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1,2,3]")]
    public async Task A_queue_message_that_is_not_Heralds_fails_with_a_clear_error(string body)
    {
        await using var herald = await TestHerald.StartAsync(azurite);

        var summarizeError = await Assert.ThrowsAsync<InvalidDataException>(() => herald.Create<SummarizeArticle>().Run(body, Ct));
        var sendError = await Assert.ThrowsAsync<InvalidDataException>(() => herald.Create<SendDigestBatch>().Run(body, Ct));

        Assert.Contains("SummarizeRequest", summarizeError.Message, StringComparison.Ordinal);
        Assert.Contains("SendBatch", sendError.Message, StringComparison.Ordinal);
    }

    private static async Task<List<string>> TakeAllAsync(Azure.Storage.Queues.QueueClient queue)
    {
        var bodies = new List<string>();
        while (true)
        {
            QueueMessage[] messages = await queue.ReceiveMessagesAsync(32, cancellationToken: Ct);
            if (messages.Length == 0)
            {
                return bodies;
            }

            foreach (var message in messages)
            {
                bodies.Add(message.Body.ToString());
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, Ct);
            }
        }
    }
}
