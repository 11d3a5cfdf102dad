using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Herald.Storage;

namespace Herald.Inbound;

/// <summary>
/// The inbound table: one row per handled mail under its day ("c20261125", for the counts), one per reply sent under
/// its day ("r20261125", RowKey newsletter and address id: a second reply that day finds it), and one per accepted
/// signature ("s", RowKey a hash of it: a replayed request finds it). No address is stored, only ids.
/// </summary>
public sealed class InboundLog(HeraldStorage storage, TimeProvider time) : IExpiringRecords
{
    /// <summary>Days of counts kept: "herald stats" shows the last 30.</summary>
    public const int CountDays = 90;

    public string Name => "inbound mail";

    /// <summary>
    /// Removes counts older than <see cref="CountDays"/>, reply claims of days before yesterday (a claim only matters on
    /// its own day) and signatures older than a day (a signature is accepted within minutes of its timestamp).
    /// </summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync();
        var now = time.GetUtcNow();
        var counts = await TableRows.DeleteAsync(storage.Inbound, TableClient.CreateQueryFilter($"PartitionKey ge {"c"} and PartitionKey lt {CountPartition(now.AddDays(-CountDays))}"), cancellationToken);
        var replies = await TableRows.DeleteAsync(storage.Inbound, TableClient.CreateQueryFilter($"PartitionKey ge {"r"} and PartitionKey lt {"r" + Day(now.AddDays(-1))}"), cancellationToken);
        var signatures = await TableRows.DeleteAsync(storage.Inbound, TableClient.CreateQueryFilter($"PartitionKey eq {"s"} and At lt {now.AddDays(-1)}"), cancellationToken);
        return counts + replies + signatures;
    }

    public async Task RecordAsync(InboundOutcome outcome, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync();
        var now = time.GetUtcNow();
        var row = new TableEntity(CountPartition(now), now.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8])
        {
            ["Kind"] = outcome.Kind,
            ["Result"] = outcome.Result.Length <= 500 ? outcome.Result : outcome.Result[..500],
        };
        await storage.Inbound.AddEntityAsync(row, cancellationToken);
    }

    /// <summary>Inbound mails of the last <paramref name="days"/> days by kind.</summary>
    public async Task<IReadOnlyDictionary<string, int>> CountAsync(int days, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync();
        var now = time.GetUtcNow();
        var from = CountPartition(now.AddDays(-Math.Max(0, days - 1)));
        var to = CountPartition(now);
        var counts = InboundOutcome.Kinds.ToDictionary(k => k, _ => 0, StringComparer.Ordinal);
        await foreach (var row in storage.Inbound.QueryAsync<TableEntity>(e => e.PartitionKey.CompareTo(from) >= 0 && e.PartitionKey.CompareTo(to) <= 0, select: ["Kind"], cancellationToken: cancellationToken))
        {
            var kind = row.GetString("Kind") ?? InboundOutcome.Ignored;
            counts[kind] = counts.GetValueOrDefault(kind) + 1;
        }

        return counts;
    }

    /// <summary>True, once a day per newsletter and address: the right to send that address one automatic reply today.</summary>
    public async Task<bool> TryClaimReplyAsync(string newsletterId, string subscriberId, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync();
        try
        {
            await storage.Inbound.AddEntityAsync(new TableEntity("r" + Day(time.GetUtcNow()), $"{newsletterId}-{subscriberId}"), cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    public async Task<bool> HasSeenSignatureAsync(string signature, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync();
        return (await storage.Inbound.GetEntityIfExistsAsync<TableEntity>("s", SignatureKey(signature), ["PartitionKey"], cancellationToken)).HasValue;
    }

    /// <summary>Remembers a signature once its request was acted on; false when another request with it got there first.</summary>
    public async Task<bool> RememberSignatureAsync(string signature, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync();
        try
        {
            await storage.Inbound.AddEntityAsync(new TableEntity("s", SignatureKey(signature)) { ["At"] = time.GetUtcNow() }, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    private static string SignatureKey(string signature) => Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes(signature)))[..40];

    private static string CountPartition(DateTimeOffset at) => "c" + Day(at);

    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
}
