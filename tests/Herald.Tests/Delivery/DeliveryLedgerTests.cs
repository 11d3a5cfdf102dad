using Herald.Delivery;
using Herald.Tests.Infrastructure;

namespace Herald.Tests.Delivery;

/// <summary>The delivery ledger on a real Azurite: who already has which edition.</summary>
public class DeliveryLedgerTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_recorded_send_is_found_for_its_edition_only()
    {
        await using var herald = await TestHerald.StartAsync(azurite);
        var ledger = herald.Get<DeliveryLedger>();

        Assert.False(await ledger.WasSentAsync("white-house-watch-20261125", "abc", Ct));
        await ledger.RecordSentAsync("white-house-watch-20261125", "abc", "Outbox", herald.Time.GetUtcNow(), Ct);

        Assert.True(await ledger.WasSentAsync("white-house-watch-20261125", "abc", Ct));
        Assert.False(await ledger.WasSentAsync("white-house-watch-20261126", "abc", Ct));
        Assert.False(await ledger.WasSentAsync("white-house-watch-20261125", "def", Ct));
    }

    [Fact]
    public async Task Recording_twice_counts_once()
    {
        await using var herald = await TestHerald.StartAsync(azurite);
        var ledger = herald.Get<DeliveryLedger>();

        await ledger.RecordSentAsync("white-house-watch-20261125", "abc", "Outbox", herald.Time.GetUtcNow(), Ct);
        await ledger.RecordSentAsync("white-house-watch-20261125", "abc", "Outbox", herald.Time.GetUtcNow(), Ct);
        await ledger.RecordSentAsync("white-house-watch-20261125", "def", "Outbox", herald.Time.GetUtcNow(), Ct);

        Assert.Equal(2, await ledger.CountAsync("white-house-watch-20261125", Ct));
    }
}
