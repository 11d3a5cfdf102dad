using Azure.Data.Tables;
using Herald.Storage;

namespace Herald.Delivery;

/// <summary>Which subscriber already has which edition; consulted before every send so a retried batch skips them.</summary>
public sealed class DeliveryLedger(HeraldStorage storage)
{
    public async Task<bool> WasSentAsync(string editionId, string subscriberId, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync();
        var row = await storage.Deliveries.GetEntityIfExistsAsync<DeliveryRecord>(editionId, subscriberId, select: ["PartitionKey"], cancellationToken: cancellationToken);
        return row.HasValue;
    }

    public async Task RecordSentAsync(string editionId, string subscriberId, string channel, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync();
        await storage.Deliveries.UpsertEntityAsync(
            new DeliveryRecord { PartitionKey = editionId, RowKey = subscriberId, SentAt = sentAt, Channel = channel },
            TableUpdateMode.Replace,
            cancellationToken);
    }

    public async Task<int> CountAsync(string editionId, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync();
        var count = 0;
        await foreach (var _ in storage.Deliveries.QueryAsync<DeliveryRecord>(r => r.PartitionKey == editionId, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            count++;
        }

        return count;
    }
}
