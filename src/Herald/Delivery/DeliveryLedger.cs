using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Herald.Storage;

namespace Herald.Delivery;

/// <summary>
/// The delivery ledger (the "deliveries" table, one partition per edition): each edition's fan-out progress, each
/// batch's state and progress, and the recipients a provider refused. Every change is conditional on the row's ETag,
/// so two instances never both believe they own a batch.
/// </summary>
public sealed class DeliveryLedger(HeraldStorage storage)
{
    /// <summary>The edition's fan-out record, created (not complete, nothing cut) when there is none yet.</summary>
    public async Task<FanOutRecord> GetOrStartFanOutAsync(string editionId, string newsletterId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync();
        var existing = await storage.Deliveries.GetEntityIfExistsAsync<FanOutRecord>(editionId, FanOutRecord.Key, cancellationToken: cancellationToken);
        if (existing.HasValue)
        {
            return existing.Value!;
        }

        var record = new FanOutRecord { PartitionKey = editionId, NewsletterId = newsletterId, StartedAt = now };
        try
        {
            var response = await storage.Deliveries.AddEntityAsync(record, cancellationToken);
            record.ETag = response.Headers.ETag ?? default;
            return record;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return (await storage.Deliveries.GetEntityAsync<FanOutRecord>(editionId, FanOutRecord.Key, cancellationToken: cancellationToken)).Value;
        }
    }

    public async Task<FanOutRecord?> GetFanOutAsync(string editionId, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync();
        var existing = await storage.Deliveries.GetEntityIfExistsAsync<FanOutRecord>(editionId, FanOutRecord.Key, cancellationToken: cancellationToken);
        return existing.HasValue ? existing.Value : null;
    }

    public Task<bool> TryUpdateAsync(FanOutRecord record, CancellationToken cancellationToken) => TryUpdateAsync((ITableEntity)record, cancellationToken);

    public Task<bool> TryUpdateAsync(BatchRecord record, CancellationToken cancellationToken) => TryUpdateAsync((ITableEntity)record, cancellationToken);

    public async Task<BatchRecord?> GetBatchAsync(string editionId, int batch, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync();
        var row = await storage.Deliveries.GetEntityIfExistsAsync<BatchRecord>(editionId, BatchRecord.KeyOf(batch), cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }

    /// <summary>Records a new batch; false when it is recorded already.</summary>
    public async Task<bool> TryAddBatchAsync(BatchRecord record, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync();
        try
        {
            var response = await storage.Deliveries.AddEntityAsync(record, cancellationToken);
            record.ETag = response.Headers.ETag ?? default;
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    /// <summary>An edition's batches, in order.</summary>
    public async IAsyncEnumerable<BatchRecord> ListBatchesAsync(string editionId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync();
        await foreach (var row in storage.Deliveries.QueryAsync<BatchRecord>(r => r.PartitionKey == editionId && r.RowKey.CompareTo("b") >= 0 && r.RowKey.CompareTo("c") < 0, cancellationToken: cancellationToken))
        {
            yield return row;
        }
    }

    public async Task RecordFailedAsync(string editionId, int batch, string subscriberId, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync();
        await storage.Deliveries.UpsertEntityAsync(
            new FailedRecipientRecord { PartitionKey = editionId, RowKey = FailedRecipientRecord.KeyOf(subscriberId), Batch = batch, Reason = reason, FailedAt = now },
            TableUpdateMode.Replace,
            cancellationToken);
    }

    public async IAsyncEnumerable<FailedRecipientRecord> ListFailedAsync(string editionId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync();
        await foreach (var row in storage.Deliveries.QueryAsync<FailedRecipientRecord>(r => r.PartitionKey == editionId && r.RowKey.CompareTo("r") >= 0 && r.RowKey.CompareTo("s") < 0, cancellationToken: cancellationToken))
        {
            yield return row;
        }
    }

    /// <summary>The provider's event counts of an edition; zeros when none arrived.</summary>
    public async Task<EditionStatsRecord> GetStatsAsync(string editionId, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync();
        var row = await storage.Deliveries.GetEntityIfExistsAsync<EditionStatsRecord>(editionId, EditionStatsRecord.Key, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value! : new EditionStatsRecord { PartitionKey = editionId };
    }

    /// <summary>Adds event counts to an edition's, with the row's ETag (webhook requests for one edition arrive side by side).</summary>
    public async Task AddStatsAsync(string editionId, EditionStatsRecord counts, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var current = await GetStatsAsync(editionId, cancellationToken);
            current.Add(counts);
            try
            {
                if (current.ETag == default)
                {
                    await storage.Deliveries.AddEntityAsync(current, cancellationToken);
                }
                else
                {
                    await storage.Deliveries.UpdateEntityAsync(current, current.ETag, TableUpdateMode.Replace, cancellationToken);
                }

                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Another request counted at the same moment: read again and add on top.
            }
        }

        throw new InvalidOperationException($"The event counts of edition {editionId} kept changing under this request.");
    }

    /// <summary>Every refusal of one subscriber's address, across all editions (a reader's data export and erasure).</summary>
    public async Task<List<FailedRecipientRecord>> ListFailedForAsync(string subscriberId, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync();
        var key = FailedRecipientRecord.KeyOf(subscriberId);
        var rows = new List<FailedRecipientRecord>();
        await foreach (var row in storage.Deliveries.QueryAsync<FailedRecipientRecord>(r => r.RowKey == key, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    public async Task DeleteAsync(ITableEntity row, CancellationToken cancellationToken) =>
        await storage.Deliveries.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);

    /// <summary>Every edition the ledger knows, newest first, with its fan-out record.</summary>
    public async Task<List<FanOutRecord>> ListEditionsAsync(CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync();
        var editions = new List<FanOutRecord>();
        await foreach (var row in storage.Deliveries.QueryAsync<FanOutRecord>(r => r.RowKey == FanOutRecord.Key, cancellationToken: cancellationToken))
        {
            editions.Add(row);
        }

        return [.. editions.OrderByDescending(e => e.StartedAt)];
    }

    /// <summary>Writes the row if nobody changed it since it was read; false (and nothing written) when somebody did.</summary>
    private async Task<bool> TryUpdateAsync(ITableEntity record, CancellationToken cancellationToken)
    {
        try
        {
            var response = await storage.Deliveries.UpdateEntityAsync(record, record.ETag, TableUpdateMode.Replace, cancellationToken);
            record.ETag = response.Headers.ETag ?? default;
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return false;
        }
    }
}
