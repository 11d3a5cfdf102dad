using System.Globalization;
using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using Herald.Storage;

namespace Herald.Subscribers;

/// <summary>
/// The consent trail (the "consents" table, one partition per subscriber id): requested, confirmed, imported,
/// changed, unsubscribed — each with its time, source and a keyed hash of the client's IP (never the IP).
/// </summary>
public sealed class ConsentLog(HeraldStorage storage)
{
    public async Task AddAsync(string subscriberId, ConsentRecord record, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync();
        var key = record.At.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "-" + record.Newsletter + "-" + record.Action;
        await storage.Consents.UpsertEntityAsync(
            new TableEntity(subscriberId, key)
            {
                ["At"] = record.At,
                ["Newsletter"] = record.Newsletter,
                ["Action"] = record.Action,
                ["Source"] = record.Source,
                ["IpHash"] = record.IpHash,
            },
            TableUpdateMode.Replace,
            cancellationToken);
    }

    public async IAsyncEnumerable<ConsentRecord> ListAsync(string subscriberId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync();
        await foreach (var row in storage.Consents.QueryAsync<TableEntity>(e => e.PartitionKey == subscriberId, cancellationToken: cancellationToken))
        {
            yield return new ConsentRecord(row.GetDateTimeOffset("At") ?? default, row.GetString("Newsletter"), row.GetString("Action"), row.GetString("Source"), row.GetString("IpHash"));
        }
    }

    public async Task<int> DeleteAllAsync(string subscriberId, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync();
        return await TableRows.DeleteAsync(storage.Consents, TableClient.CreateQueryFilter($"PartitionKey eq {subscriberId}"), cancellationToken);
    }
}
