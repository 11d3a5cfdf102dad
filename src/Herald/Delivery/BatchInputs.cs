using System.Collections.Concurrent;
using Herald.Configuration;
using Herald.Editions;
using Herald.Queues;
using Herald.Subscribers;
using Microsoft.Extensions.Options;

namespace Herald.Delivery;

/// <summary>What a send-batch message needs read before it sends: its newsletter, its edition, its recipient list, and who left since the fan-out.</summary>
public sealed class BatchInputs(IOptions<HeraldOptions> herald, EditionStore editions, BatchRecipients lists, SubscriberStore subscribers)
{
    private readonly ConcurrentDictionary<string, Task<Edition>> _editions = new(StringComparer.Ordinal);

    public NewsletterOptions Newsletter(SendBatch message) =>
        herald.Value.FindNewsletter(message.NewsletterId)
        ?? throw new InvalidDataException($"Send batch names newsletter '{message.NewsletterId}', which is not configured.");

    public async Task<List<Recipient>> RecipientsAsync(SendBatch message, CancellationToken cancellationToken) =>
        await lists.ReadAsync(message.EditionId, message.Batch, cancellationToken)
        ?? throw new InvalidDataException($"The recipient list of batch {message.Batch} of edition {message.EditionId} is missing.");

    /// <summary>Subscribers of the newsletter who opted out since <paramref name="since"/> (the batch's snapshot): they are left out.</summary>
    public Task<IReadOnlySet<string>> OptedOutSinceAsync(string newsletterId, DateTimeOffset since, CancellationToken cancellationToken) =>
        subscribers.OptedOutSinceAsync(newsletterId, since, cancellationToken);

    /// <summary>A sent batch's list is not needed again.</summary>
    public Task DeleteRecipientsAsync(SendBatch message, CancellationToken cancellationToken) =>
        lists.DeleteAsync(message.EditionId, message.Batch, cancellationToken);

    /// <summary>The batch's edition, read once per process and shared by its batches (an edition never changes once stored).</summary>
    public async Task<Edition> EditionAsync(SendBatch message)
    {
        if (_editions.Count > 16)
        {
            _editions.Clear();
        }

        var load = _editions.GetOrAdd(message.EditionId, async _ =>
            (await editions.GetAsync(message.NewsletterId, message.Slot, CancellationToken.None))?.Value
            ?? throw new InvalidDataException($"Edition {message.EditionId} of the send batch is not stored."));
        try
        {
            return await load;
        }
        catch
        {
            // A failed read is not remembered: the next batch reads again.
            _editions.TryRemove(KeyValuePair.Create(message.EditionId, load));
            throw;
        }
    }
}
