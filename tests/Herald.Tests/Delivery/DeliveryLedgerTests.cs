using Herald.Delivery;
using Herald.Testing;

namespace Herald.Tests.Delivery;

/// <summary>The delivery ledger on a real Azurite: one fan-out record per edition, batches recorded once, changes only from the current version.</summary>
public class DeliveryLedgerTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static BatchRecord Batch(int number) => new()
    {
        PartitionKey = "white-house-watch-20261125",
        RowKey = BatchRecord.KeyOf(number),
        NewsletterId = "white-house-watch",
        Batch = number,
        EditionSlot = "2026-11-25-0600",
        Recipients = 1000,
        FirstId = "00" + new string('a', 30),
        LastId = "0f" + new string('b', 30),
    };

    [Fact]
    public async Task The_fan_out_record_is_started_once()
    {
        await using var herald = await TestHerald.StartAsync(azurite);
        var ledger = herald.Get<DeliveryLedger>();

        var first = await ledger.GetOrStartFanOutAsync("white-house-watch-20261125", "white-house-watch", herald.Time.GetUtcNow(), Ct);
        first.Batches = 3;
        Assert.True(await ledger.TryUpdateAsync(first, Ct));
        var second = await ledger.GetOrStartFanOutAsync("white-house-watch-20261125", "white-house-watch", herald.Time.GetUtcNow().AddHours(1), Ct);

        Assert.Equal((3, herald.Time.GetUtcNow()), (second.Batches, second.StartedAt));
    }

    [Fact]
    public async Task A_batch_is_recorded_once_and_changed_only_from_its_current_version()
    {
        await using var herald = await TestHerald.StartAsync(azurite);
        var ledger = herald.Get<DeliveryLedger>();
        Assert.True(await ledger.TryAddBatchAsync(Batch(1), Ct));
        Assert.False(await ledger.TryAddBatchAsync(Batch(1), Ct));

        var mine = (await ledger.GetBatchAsync("white-house-watch-20261125", 1, Ct))!;
        var theirs = (await ledger.GetBatchAsync("white-house-watch-20261125", 1, Ct))!;
        mine.ClaimedBy = "mine";
        theirs.ClaimedBy = "theirs";

        Assert.True(await ledger.TryUpdateAsync(mine, Ct));
        Assert.False(await ledger.TryUpdateAsync(theirs, Ct));
        Assert.Equal("mine", (await ledger.GetBatchAsync("white-house-watch-20261125", 1, Ct))!.ClaimedBy);
    }

    [Fact]
    public async Task Batches_list_in_order_and_refused_recipients_apart()
    {
        await using var herald = await TestHerald.StartAsync(azurite);
        var ledger = herald.Get<DeliveryLedger>();
        foreach (var number in new[] { 3, 1, 2 })
        {
            await ledger.TryAddBatchAsync(Batch(number), Ct);
        }

        await ledger.RecordFailedAsync("white-house-watch-20261125", 2, "ab12", "invalid address", herald.Time.GetUtcNow(), Ct);

        var batches = new List<int>();
        await foreach (var batch in ledger.ListBatchesAsync("white-house-watch-20261125", Ct))
        {
            batches.Add(batch.Batch);
        }

        var failed = new List<FailedRecipientRecord>();
        await foreach (var row in ledger.ListFailedAsync("white-house-watch-20261125", Ct))
        {
            failed.Add(row);
        }

        Assert.Equal([1, 2, 3], batches);
        Assert.Equal(("rab12", 2, "invalid address"), (Assert.Single(failed).RowKey, failed[0].Batch, failed[0].Reason));
    }
}
