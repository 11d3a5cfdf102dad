using Herald.Delivery;
using Herald.Inbound;
using Herald.Storage;
using Herald.Testing;

namespace Herald.Tests.Storage;

/// <summary>
/// Rows kept only for a while are removed once they can no longer matter, and not before: provider events after a
/// week (SendGrid retries for 72 hours), inbound signatures after a day, reply claims after their day, inbound
/// counts after 90 days - on Azurite, with the clock moved on.
/// </summary>
public class RecordPrunerTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Provider_events_are_remembered_for_a_week_and_then_forgotten()
    {
        await using var herald = await TestHerald.StartAsync(azurite);
        var events = herald.Get<ProviderEventLog>();
        await events.TakeAsync(["old-1", "old-2"], Ct);
        await events.FinishAsync(["old-1", "old-2"], Ct);
        herald.Time.Advance(TimeSpan.FromDays(6));
        await events.TakeAsync(["recent-1"], Ct);

        var early = await herald.Get<RecordPruner>().PruneAsync(Ct);
        herald.Time.Advance(TimeSpan.FromDays(1.5));
        var due = await herald.Get<RecordPruner>().PruneAsync(Ct);
        var again = await events.TakeAsync(["old-1", "recent-1"], Ct);

        Assert.Equal(0, early["provider events"]);
        Assert.Equal(2, due["provider events"]);
        Assert.Equal(["old-1"], again.Fresh); // forgotten after a week; the recent one is still known (and unfinished)
        Assert.Equal(["recent-1"], again.Unfinished);
    }

    [Fact]
    public async Task Inbound_signatures_reply_claims_and_counts_each_go_when_they_stop_mattering()
    {
        await using var herald = await TestHerald.StartAsync(azurite);
        var log = herald.Get<InboundLog>();
        await log.RecordAsync(new InboundOutcome(InboundOutcome.Subscribe, "subscribed"), Ct);
        Assert.True(await log.TryClaimReplyAsync("white-house-watch", "0123456789abcdef0123456789abcdef", Ct));
        Assert.True(await log.RememberSignatureAsync("signature-1", Ct));

        herald.Time.Advance(TimeSpan.FromHours(12));
        var sameDay = await herald.Get<RecordPruner>().PruneAsync(Ct);
        herald.Time.Advance(TimeSpan.FromDays(2));
        var laterThatWeek = await herald.Get<RecordPruner>().PruneAsync(Ct);
        var countsKept = (await log.CountAsync(30, Ct)).Values.Sum();
        herald.Time.Advance(TimeSpan.FromDays(InboundLog.CountDays));
        var afterQuarter = await herald.Get<RecordPruner>().PruneAsync(Ct);

        Assert.Equal(0, sameDay["inbound mail"]);
        Assert.Equal(2, laterThatWeek["inbound mail"]); // the reply claim and the signature
        Assert.Equal(1, countsKept);
        Assert.False(await log.HasSeenSignatureAsync("signature-1", Ct));
        Assert.Equal(1, afterQuarter["inbound mail"]); // the count row
    }
}
