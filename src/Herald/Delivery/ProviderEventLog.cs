using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Herald.Storage;

namespace Herald.Delivery;

/// <summary>
/// Provider events already taken in (the "providerevents" table), by a hash of SendGrid's sg_event_id: recording an
/// event is inserting its row, so of a replayed or retried request only the events never seen before are new.
/// Rows are grouped by the hash's first two hex digits and inserted a hundred to a transaction.
/// </summary>
public sealed class ProviderEventLog(HeraldStorage storage, TimeProvider time)
{
    /// <summary>Records the events; returns the ids that were not recorded before.</summary>
    public async Task<HashSet<string>> RecordNewAsync(IReadOnlyCollection<string> eventIds, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync();
        var fresh = new HashSet<string>(StringComparer.Ordinal);
        var keyed = eventIds.Distinct(StringComparer.Ordinal).Select(id => (Id: id, Key: KeyOf(id))).ToList();
        var now = time.GetUtcNow();
        await Parallel.ForEachAsync(keyed.GroupBy(e => e.Key.Partition).SelectMany(g => g.Chunk(100)), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (group, ct) =>
        {
            try
            {
                await storage.ProviderEvents.SubmitTransactionAsync(group.Select(e => new TableTransactionAction(TableTransactionActionType.Add, Row(e.Key, now))), ct);
                lock (fresh)
                {
                    fresh.UnionWith(group.Select(e => e.Id));
                }
            }
            catch (TableTransactionFailedException)
            {
                // Some of the group were seen before: find out which, one by one.
                foreach (var (id, key) in group)
                {
                    try
                    {
                        await storage.ProviderEvents.AddEntityAsync(Row(key, now), ct);
                        lock (fresh)
                        {
                            fresh.Add(id);
                        }
                    }
                    catch (RequestFailedException ex) when (ex.Status == 409)
                    {
                        // Seen before.
                    }
                }
            }
        });
        return fresh;
    }

    /// <summary>Forgets events (their handling failed and the provider will send them again).</summary>
    public async Task ForgetAsync(IEnumerable<string> eventIds, CancellationToken cancellationToken)
    {
        foreach (var key in eventIds.Select(KeyOf))
        {
            await storage.ProviderEvents.DeleteEntityAsync(key.Partition, key.Row, cancellationToken: cancellationToken);
        }
    }

    private static TableEntity Row((string Partition, string Row) key, DateTimeOffset now) => new(key.Partition, key.Row) { ["At"] = now };

    /// <summary>Event ids are the provider's strings (base64, with characters a row key may not hold): stored by hash.</summary>
    private static (string Partition, string Row) KeyOf(string eventId)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(eventId)).AsSpan(0, 16));
        return (hash[..2], hash);
    }
}
