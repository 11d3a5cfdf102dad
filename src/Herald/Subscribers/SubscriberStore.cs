using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Herald.Storage;

namespace Herald.Subscribers;

/// <summary>
/// Subscribers in Table storage: one row per person, in one of <see cref="Shards"/> partitions chosen by the first two
/// hex digits of their id, so a list of a million reads as 256 partition scans in parallel (one partition per
/// newsletter would page through a million rows one at a time). Each newsletter's status is its own column
/// ("S_white_house_watch") so a query can select a newsletter's active readers; the details of every subscription
/// ride along as JSON. When a subscriber stops being active for a newsletter, an entry goes to the opt-out log
/// first, so a send that took its recipients before the change still leaves them out.
/// </summary>
public sealed class SubscriberStore(HeraldStorage storage, TimeProvider time)
{
    public const int Shards = 256;
    private const string SubscriptionsColumn = "Subscriptions";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    /// <summary>Every shard's partition key, in order: "00" to "ff".</summary>
    public static IReadOnlyList<string> AllShards { get; } = [.. Enumerable.Range(0, Shards).Select(i => i.ToString("x2", CultureInfo.InvariantCulture))];

    public static string ShardOf(string subscriberId) => subscriberId[..2];

    /// <summary>The column holding a newsletter's status: newsletter ids are lowercase letters, digits and dashes.</summary>
    public static string StatusColumn(string newsletterId) => "S_" + newsletterId.Replace('-', '_');

    public async Task<Subscriber?> GetAsync(string subscriberId, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync();
        var row = await storage.Subscribers.GetEntityIfExistsAsync<TableEntity>(ShardOf(subscriberId), subscriberId, cancellationToken: cancellationToken);
        return row.HasValue ? FromEntity(row.Value!) : null;
    }

    /// <summary>Adds the row; false when one with the same id already exists.</summary>
    public async Task<bool> TryAddAsync(Subscriber subscriber, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync();
        try
        {
            var response = await storage.Subscribers.AddEntityAsync(ToEntity(subscriber), cancellationToken);
            subscriber.ETag = response.Headers.ETag ?? default;
            Remember(subscriber);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    /// <summary>
    /// Replaces the row if nobody changed it since it was read (a 412 otherwise). Newsletters the subscriber was
    /// active for when read and no longer is are written to the opt-out log before the row.
    /// </summary>
    public async Task UpdateAsync(Subscriber subscriber, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync();
        var now = time.GetUtcNow();
        foreach (var newsletterId in WasActive(subscriber).Where(n => subscriber.StatusFor(n) != SubscriberStatus.Active))
        {
            await storage.OptOuts.UpsertEntityAsync(
                new TableEntity(newsletterId, OptOutKey(now, subscriber.Id)) { ["SubscriberId"] = subscriber.Id },
                TableUpdateMode.Replace,
                cancellationToken);
        }

        var response = await storage.Subscribers.UpdateEntityAsync(ToEntity(subscriber), subscriber.ETag, TableUpdateMode.Replace, cancellationToken);
        subscriber.ETag = response.Headers.ETag ?? default;
        Remember(subscriber);
    }

    /// <summary>How many conflicting writes in a row a change survives by reading again before it gives up with the error.</summary>
    public const int MaxConflictRetries = 8;

    /// <summary>
    /// <see cref="UpdateAsync"/>, false when someone wrote the row since it was read (its ETag), for the caller to read
    /// again and decide again. The <paramref name="attempt"/>th conflict in a row past <see cref="MaxConflictRetries"/>
    /// is thrown: a subscriber rewritten this often is under a storm no retry should join.
    /// </summary>
    public async Task<bool> TryUpdateAsync(Subscriber subscriber, int attempt, CancellationToken cancellationToken)
    {
        try
        {
            await UpdateAsync(subscriber, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 412 && attempt < MaxConflictRetries)
        {
            return false;
        }
    }

    public async Task<bool> DeleteAsync(string subscriberId, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync();
        var response = await storage.Subscribers.DeleteEntityAsync(ShardOf(subscriberId), subscriberId, cancellationToken: cancellationToken);
        return response.Status != 404;
    }

    /// <summary>
    /// Adds many new subscribers at once, in entity-group transactions of up to 100 rows of one shard (imports and
    /// benchmarks). Ids already stored make their whole transaction fail; those rows are then added one by one.
    /// Returns how many were added.
    /// </summary>
    public async Task<int> AddManyAsync(IEnumerable<Subscriber> subscribers, int parallelism, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync();
        var groups = subscribers.GroupBy(s => ShardOf(s.Id)).SelectMany(shard => shard.Chunk(100));
        var added = 0;
        await Parallel.ForEachAsync(groups, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, async (group, ct) =>
        {
            try
            {
                await storage.Subscribers.SubmitTransactionAsync(group.Select(s => new TableTransactionAction(TableTransactionActionType.Add, ToEntity(s))), ct);
                Interlocked.Add(ref added, group.Length);
            }
            catch (TableTransactionFailedException)
            {
                foreach (var subscriber in group)
                {
                    if (await TryAddAsync(subscriber, ct))
                    {
                        Interlocked.Increment(ref added);
                    }
                }
            }
        });
        return added;
    }

    /// <summary>Every subscriber, or those of one newsletter (with one status), shard by shard. For administration, not for sending.</summary>
    public async IAsyncEnumerable<Subscriber> ListAsync(string? newsletterId, SubscriberStatus? status, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync();
        string? filter = null;
        if (newsletterId is not null)
        {
            filter = status is { } wanted
                ? $"{StatusColumn(newsletterId)} eq '{wanted}'"
                : $"{StatusColumn(newsletterId)} ne ''";
        }

        await foreach (var row in storage.Subscribers.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            yield return FromEntity(row);
        }
    }

    /// <summary>
    /// One shard's active subscribers of a newsletter, in id order, starting after <paramref name="afterId"/> when it
    /// is given: what an edition's fan-out reads, page by page.
    /// </summary>
    public async IAsyncEnumerable<Recipient> ReadActiveAsync(string newsletterId, string shard, string? afterId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {shard}") + $" and {StatusColumn(newsletterId)} eq 'Active'";
        if (afterId is not null)
        {
            filter += " and " + TableClient.CreateQueryFilter($"RowKey gt {afterId}");
        }

        await foreach (var row in storage.Subscribers.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: ["RowKey", "Email", "Name", "TimeZone"], cancellationToken: cancellationToken))
        {
            yield return new Recipient(row.RowKey, row.GetString("Email"), row.GetString("Name"), row.GetString("TimeZone"));
        }
    }

    /// <summary>
    /// Opt-outs read in the last few seconds, by newsletter and starting time: every batch of an edition asks the same
    /// question within moments, and a thousand batches need not read the log a thousand times. An opt-out younger than
    /// this can miss a batch that starts in that moment, as it misses a batch already being sent.
    /// </summary>
    public static readonly TimeSpan OptOutCacheLifetime = TimeSpan.FromSeconds(5);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string, DateTimeOffset), (DateTimeOffset ReadAt, Task<IReadOnlySet<string>> Ids)> _optOuts = new();

    /// <summary>Subscribers who stopped being active for a newsletter at or after <paramref name="since"/> (read at most <see cref="OptOutCacheLifetime"/> ago).</summary>
    public async Task<IReadOnlySet<string>> OptedOutSinceAsync(string newsletterId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var key = (newsletterId, since);
        if (_optOuts.TryGetValue(key, out var cached) && now - cached.ReadAt < OptOutCacheLifetime && !cached.Ids.IsFaulted)
        {
            return await cached.Ids;
        }

        if (_optOuts.Count > 64)
        {
            _optOuts.Clear();
        }

        var read = ReadOptOutsAsync(newsletterId, since, cancellationToken);
        _optOuts[key] = (now, read);
        return await read;
    }

    private async Task<IReadOnlySet<string>> ReadOptOutsAsync(string newsletterId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var from = OptOutKey(since, "");
        await foreach (var row in storage.OptOuts.QueryAsync<TableEntity>(e => e.PartitionKey == newsletterId && e.RowKey.CompareTo(from) >= 0, select: ["SubscriberId"], cancellationToken: cancellationToken))
        {
            ids.Add(row.GetString("SubscriberId"));
        }

        return ids;
    }

    private static string OptOutKey(DateTimeOffset at, string subscriberId) =>
        at.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "_" + subscriberId;

    private static readonly ConditionalWeakTable<Subscriber, HashSet<string>> ActiveWhenRead = [];

    /// <summary>Which newsletters the subscriber was active for when this instance was read or last written.</summary>
    private static HashSet<string> WasActive(Subscriber subscriber) =>
        ActiveWhenRead.TryGetValue(subscriber, out var active) ? active : [];

    private static void Remember(Subscriber subscriber) =>
        ActiveWhenRead.AddOrUpdate(subscriber, [.. subscriber.Subscriptions.Where(s => s.Value.Status == SubscriberStatus.Active).Select(s => s.Key)]);

    private static TableEntity ToEntity(Subscriber subscriber)
    {
        var entity = new TableEntity(ShardOf(subscriber.Id), subscriber.Id)
        {
            ["Email"] = subscriber.Email,
            ["EmailUnicode"] = subscriber.EmailUnicode,
            ["Name"] = subscriber.Name,
            ["TimeZone"] = subscriber.TimeZone,
            ["CreatedAt"] = subscriber.CreatedAt,
            [SubscriptionsColumn] = JsonSerializer.Serialize(subscriber.Subscriptions, Json),
        };
        foreach (var (newsletterId, subscription) in subscriber.Subscriptions.Where(s => s.Value.Status != SubscriberStatus.None))
        {
            entity[StatusColumn(newsletterId)] = subscription.Status.ToString();
        }

        return entity;
    }

    private static Subscriber FromEntity(TableEntity entity)
    {
        var subscriptions = entity.GetString(SubscriptionsColumn) is { Length: > 0 } json
            ? JsonSerializer.Deserialize<Dictionary<string, Subscription>>(json, Json) ?? []
            : [];
        var subscriber = new Subscriber
        {
            Id = entity.RowKey,
            Email = entity.GetString("Email") ?? "",
            EmailUnicode = entity.GetString("EmailUnicode"),
            Name = entity.GetString("Name"),
            TimeZone = entity.GetString("TimeZone"),
            CreatedAt = entity.GetDateTimeOffset("CreatedAt") ?? default,
            Subscriptions = new Dictionary<string, Subscription>(subscriptions, StringComparer.Ordinal),
            ETag = entity.ETag,
        };
        Remember(subscriber);
        return subscriber;
    }
}
