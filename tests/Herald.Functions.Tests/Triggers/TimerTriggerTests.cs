using Herald.Delivery;
using Herald.Functions.Tests.Infrastructure;
using Herald.Local;
using Herald.Storage;
using Herald.Subscribers;
using Herald.Testing;

namespace Herald.Functions.Tests.Triggers;

/// <summary>Each timer function invoked with the TimerInfo the timer extension sends, its work checked in Azurite.</summary>
public sealed class TimerTriggerTests(AzuriteFixture azurite, PublishedApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CollectArticles_stores_the_sample_feeds_articles_and_queues_each_for_summarizing()
    {
        await using var deployment = await Deployment.StartAsync(azurite, app, cancellationToken: Ct);

        var tick = await deployment.Worker.InvokeTimerAsync("CollectArticles", Ct);

        Assert.True(tick.Succeeded, tick.ToString());
        var storage = deployment.Get<HeraldStorage>();
        Assert.Equal(15, await CountAsync(storage.Articles.GetBlobsAsync(cancellationToken: Ct))); // 16 items, the syndicated copy stored once
        Assert.Equal(15, (await storage.SummarizeQueue.GetPropertiesAsync(Ct)).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task A_past_due_CollectArticles_tick_runs_like_any_other()
    {
        await using var deployment = await Deployment.StartAsync(azurite, app, cancellationToken: Ct);

        var tick = await deployment.Worker.InvokeTimerAsync("CollectArticles", Ct, isPastDue: true);

        Assert.True(tick.Succeeded, tick.ToString());
        Assert.Equal(15, (await deployment.Get<HeraldStorage>().SummarizeQueue.GetPropertiesAsync(Ct)).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task BuildDigests_builds_todays_edition_and_queues_one_send_batch_per_two_subscribers()
    {
        await using var deployment = await Deployment.StartAsync(azurite, app, cancellationToken: Ct);
        foreach (var email in new[] { "ada.reader@example.com", "grace.policy@example.org", "frank.civics@example.net" })
        {
            await deployment.Get<SubscriberImports>().AddConfirmedAsync("white-house-watch", email, "sample", Ct);
        }

        Assert.True((await deployment.Worker.InvokeTimerAsync("CollectArticles", Ct)).Succeeded);
        var tick = await deployment.Worker.InvokeTimerAsync("BuildDigests", Ct);

        Assert.True(tick.Succeeded, tick.ToString());
        var storage = deployment.Get<HeraldStorage>();
        Assert.Equal(2, (await storage.SendQueue.GetPropertiesAsync(Ct)).Value.ApproximateMessagesCount);
        var edition = Assert.Single(await deployment.Get<DeliveryOverview>().ListAsync(null, Ct));
        Assert.StartsWith("white-house-watch-", edition.EditionId, StringComparison.Ordinal);
        Assert.Equal((3, 0), (edition.Recipients, edition.Sent));
        Assert.NotEqual(0, await CountAsync(storage.Editions.GetBlobsAsync(cancellationToken: Ct)));
    }

    [Fact]
    public async Task PruneRecords_removes_the_provider_events_older_than_a_week_and_keeps_the_rest()
    {
        await using var deployment = await Deployment.StartAsync(azurite, app, cancellationToken: Ct);
        var storage = deployment.Get<HeraldStorage>();
        await new ProviderEventLog(storage, new ShiftedTimeProvider(DateTimeOffset.UtcNow - TimeSpan.FromDays(8))).TakeAsync(["old-event"], Ct);
        await deployment.Get<ProviderEventLog>().TakeAsync(["new-event"], Ct);
        Assert.Equal(2, await CountAsync(storage.ProviderEvents.QueryAsync<Azure.Data.Tables.TableEntity>(cancellationToken: Ct)));

        var tick = await deployment.Worker.InvokeTimerAsync("PruneRecords", Ct);

        Assert.True(tick.Succeeded, tick.ToString());
        var left = await ToListAsync(storage.ProviderEvents.QueryAsync<Azure.Data.Tables.TableEntity>(cancellationToken: Ct));
        var row = Assert.Single(left);
        Assert.True(row.GetDateTimeOffset("At") > DateTimeOffset.UtcNow - TimeSpan.FromDays(1));
    }

    private static async Task<int> CountAsync<T>(IAsyncEnumerable<T> items) => (await ToListAsync(items)).Count;

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
