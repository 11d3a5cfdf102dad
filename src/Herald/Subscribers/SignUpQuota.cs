using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Herald.Storage;
using Microsoft.Extensions.Options;

namespace Herald.Subscribers;

/// <summary>
/// How many confirmation emails each client address set off this hour, counted in a table every instance shares: the
/// site's rate limits hold per instance, so a client spread over forty instances would otherwise mail forty times as
/// many strangers. Taken when a sign-up is about to mail, so a flood costs queue messages, never mail.
/// </summary>
public sealed class SignUpQuota(HeraldStorage storage, IOptions<SignUpQuotaOptions> options, TimeProvider time) : IExpiringRecords
{
    private const int MaxConflicts = 8;

    public string Name => "sign-up quotas";

    /// <summary>
    /// True when the client (its keyed address hash) may set off one more confirmation this hour, and counts it. A
    /// count contended by more writers than it can take turns with is a flood: the answer is no.
    /// </summary>
    public async Task<bool> TryTakeAsync(string clientHash, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync();
        var partition = Hour(time.GetUtcNow());
        var limit = options.Value.ConfirmationsPerClientPerHour;
        for (var attempt = 0; attempt < MaxConflicts; attempt++)
        {
            var row = await storage.SignUpQuota.GetEntityIfExistsAsync<TableEntity>(partition, clientHash, cancellationToken: cancellationToken);
            try
            {
                if (!row.HasValue)
                {
                    await storage.SignUpQuota.AddEntityAsync(new TableEntity(partition, clientHash) { ["Count"] = 1 }, cancellationToken);
                    return true;
                }

                var count = row.Value!.GetInt32("Count") ?? 0;
                if (count >= limit)
                {
                    return false;
                }

                row.Value["Count"] = count + 1;
                await storage.SignUpQuota.UpdateEntityAsync(row.Value, row.Value.ETag, TableUpdateMode.Replace, cancellationToken);
                return true;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Another instance counted in between: read again.
            }
        }

        return false;
    }

    /// <summary>Removes the counts of hours before the last two.</summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync();
        return await TableRows.DeleteAsync(storage.SignUpQuota, TableClient.CreateQueryFilter($"PartitionKey lt {Hour(time.GetUtcNow().AddHours(-2))}"), cancellationToken);
    }

    private static string Hour(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);
}
