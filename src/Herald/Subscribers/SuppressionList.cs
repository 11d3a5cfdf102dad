using Azure;
using Azure.Data.Tables;
using Herald.Storage;

namespace Herald.Subscribers;

/// <summary>
/// Addresses not to mail, because they bounced or their owner reported spam: one row per subscriber id (a hash of
/// the address, never the address itself), kept through an erasure so an erased address is not mailed again. Only
/// the address's owner lifts it, by confirming a fresh sign-up from the mailbox itself.
/// </summary>
public sealed class SuppressionList(HeraldStorage storage, TimeProvider time)
{
    public async Task<bool> ContainsAsync(string subscriberId, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync();
        return (await storage.Suppressions.GetEntityIfExistsAsync<TableEntity>(SubscriberStore.ShardOf(subscriberId), subscriberId, select: ["RowKey"], cancellationToken: cancellationToken)).HasValue;
    }

    public async Task AddAsync(string subscriberId, string reason, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync();
        await storage.Suppressions.UpsertEntityAsync(
            new TableEntity(SubscriberStore.ShardOf(subscriberId), subscriberId) { ["Reason"] = reason, ["At"] = time.GetUtcNow() },
            TableUpdateMode.Replace,
            cancellationToken);
    }

    public async Task RemoveAsync(string subscriberId, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync();
        try
        {
            await storage.Suppressions.DeleteEntityAsync(SubscriberStore.ShardOf(subscriberId), subscriberId, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Not suppressed: nothing to lift.
        }
    }
}
