using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Herald.Storage;

namespace Herald.Delivery;

/// <summary>
/// Provider events already taken in (the "providerevents" table), by a hash of SendGrid's sg_event_id: taking an event
/// in is inserting its row, unfinished, and the row is marked finished once the event has been acted on. Of a
/// replayed or retried request, only events never seen before, or left unfinished by a request that died, are acted
/// on. Rows are grouped by the hash's first two hex digits and written a hundred to a transaction.
/// </summary>
public sealed class ProviderEventLog(HeraldStorage storage, TimeProvider time) : IExpiringRecords
{
    /// <summary>How long an event is remembered: SendGrid retries a request for up to 72 hours; a week leaves room.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    public string Name => "provider events";

    /// <summary>Forgets events taken in more than <see cref="Retention"/> ago (the rows are spread by hash, so this reads the table once).</summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync();
        return await TableRows.DeleteAsync(storage.ProviderEvents, TableClient.CreateQueryFilter($"At lt {time.GetUtcNow() - Retention}"), cancellationToken);
    }

    /// <summary>
    /// Takes the events in: each new one gets a row marked unfinished. Returns the new ones, and those whose row an
    /// earlier request left unfinished (it died before acting on them); events whose row is finished are left out.
    /// </summary>
    public async Task<TakenEvents> TakeAsync(IReadOnlyCollection<string> eventIds, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync();
        var taken = new TakenEvents(new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal));
        var keyed = eventIds.Distinct(StringComparer.Ordinal).Select(id => (Id: id, Key: KeyOf(id))).ToList();
        var now = time.GetUtcNow();
        await Parallel.ForEachAsync(Groups(keyed), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (group, ct) =>
        {
            try
            {
                await storage.ProviderEvents.SubmitTransactionAsync(group.Select(e => new TableTransactionAction(TableTransactionActionType.Add, Row(e.Key, now, done: false))), ct);
                lock (taken)
                {
                    taken.Fresh.UnionWith(group.Select(e => e.Id));
                }
            }
            catch (TableTransactionFailedException)
            {
                // Some of the group were seen before: find out which, one by one, and whether they were finished.
                foreach (var (id, key) in group)
                {
                    try
                    {
                        await storage.ProviderEvents.AddEntityAsync(Row(key, now, done: false), ct);
                        lock (taken)
                        {
                            taken.Fresh.Add(id);
                        }
                    }
                    catch (RequestFailedException ex) when (ex.Status == 409)
                    {
                        var row = await storage.ProviderEvents.GetEntityAsync<TableEntity>(key.Partition, key.Row, cancellationToken: ct);
                        if (row.Value.GetBoolean("Done") == false) // rows from before this flag existed were finished
                        {
                            lock (taken)
                            {
                                taken.Unfinished.Add(id);
                            }
                        }
                    }
                }
            }
        });
        return taken;
    }

    /// <summary>Marks the events finished: acted on, so a later copy of them changes nothing.</summary>
    public async Task FinishAsync(IReadOnlyCollection<string> eventIds, CancellationToken cancellationToken)
    {
        var keyed = eventIds.Distinct(StringComparer.Ordinal).Select(id => (Id: id, Key: KeyOf(id))).ToList();
        var now = time.GetUtcNow();
        await Parallel.ForEachAsync(Groups(keyed), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (group, ct) =>
            await storage.ProviderEvents.SubmitTransactionAsync(group.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertMerge, Row(e.Key, now, done: true))), ct));
    }

    /// <summary>Forgets events (their handling failed and the provider will send them again).</summary>
    public async Task ForgetAsync(IEnumerable<string> eventIds, CancellationToken cancellationToken)
    {
        foreach (var key in eventIds.Select(KeyOf))
        {
            await storage.ProviderEvents.DeleteEntityAsync(key.Partition, key.Row, cancellationToken: cancellationToken);
        }
    }

    private static TableEntity Row((string Partition, string Row) key, DateTimeOffset now, bool done) => new(key.Partition, key.Row) { ["At"] = now, ["Done"] = done };

    /// <summary>Rows of one partition, a hundred at most: what one table transaction may hold.</summary>
    private static IEnumerable<(string Id, (string Partition, string Row) Key)[]> Groups(List<(string Id, (string Partition, string Row) Key)> keyed) =>
        keyed.GroupBy(e => e.Key.Partition).SelectMany(g => g.Chunk(100));

    /// <summary>Event ids are the provider's strings (base64, with characters a row key may not hold): stored by hash.</summary>
    private static (string Partition, string Row) KeyOf(string eventId)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(eventId)).AsSpan(0, 16));
        return (hash[..2], hash);
    }
}
