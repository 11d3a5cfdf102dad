using Azure;
using Herald.Storage;

namespace Herald.Subscribers;

/// <summary>Subscriber rows in Table storage, one partition per newsletter.</summary>
public sealed class SubscriberStore(HeraldStorage storage)
{
    public async Task<Subscriber?> GetAsync(string newsletterId, string subscriberId, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync();
        var row = await storage.Subscribers.GetEntityIfExistsAsync<Subscriber>(newsletterId, subscriberId, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }

    /// <summary>Adds the row; false when one with the same key already exists.</summary>
    public async Task<bool> TryAddAsync(Subscriber subscriber, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync();
        try
        {
            await storage.Subscribers.AddEntityAsync(subscriber, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    /// <summary>Replaces the row if it has not changed since it was read (optimistic concurrency).</summary>
    public async Task UpdateAsync(Subscriber subscriber, CancellationToken cancellationToken) =>
        await storage.Subscribers.UpdateEntityAsync(subscriber, subscriber.ETag, Azure.Data.Tables.TableUpdateMode.Replace, cancellationToken);

    public async Task<bool> DeleteAsync(string newsletterId, string subscriberId, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync();
        var response = await storage.Subscribers.DeleteEntityAsync(newsletterId, subscriberId, cancellationToken: cancellationToken);
        return response.Status != 404;
    }

    public async IAsyncEnumerable<Subscriber> ListAsync(string newsletterId, SubscriberStatus? status, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync();
        var wanted = status?.ToString();
        var rows = wanted is null
            ? storage.Subscribers.QueryAsync<Subscriber>(s => s.PartitionKey == newsletterId, cancellationToken: cancellationToken)
            : storage.Subscribers.QueryAsync<Subscriber>(s => s.PartitionKey == newsletterId && s.Status == wanted, cancellationToken: cancellationToken);
        await foreach (var row in rows)
        {
            yield return row;
        }
    }
}
