using Herald.Delivery;
using Herald.Mail;
using Herald.Subscribers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Herald.Privacy;

/// <summary>
/// A reader's own data: everything Herald holds about them, as JSON (the export), and its erasure — the subscriber
/// record, the consent trail, the delivery records that name them and, with the outbox transport, the copies of mail
/// written for them. What stays is a hash in the suppression list when the address bounced or complained, so that an
/// erased address is not mailed again; and recipient lists of batches still being sent, deleted when they are sent.
/// </summary>
public sealed class PersonalData(
    SubscriberStore subscribers,
    ConsentLog consents,
    SuppressionList suppressions,
    DeliveryLedger ledger,
    OutboxTransport outbox,
    IOptions<DeliveryOptions> mail,
    ILogger<PersonalData> logger)
{
    public async Task<object?> ExportAsync(string subscriberId, CancellationToken cancellationToken)
    {
        var subscriber = await subscribers.GetAsync(subscriberId, cancellationToken);
        if (subscriber is null)
        {
            return null;
        }

        var trail = new List<ConsentRecord>();
        await foreach (var record in consents.ListAsync(subscriberId, cancellationToken))
        {
            trail.Add(record);
        }

        return new
        {
            subscriber.Email,
            subscriber.EmailUnicode,
            subscriber.Name,
            subscriber.TimeZone,
            subscriber.CreatedAt,
            Subscriptions = subscriber.Subscriptions.Where(s => s.Value.Status != SubscriberStatus.None).ToDictionary(s => s.Key, s => new
            {
                Status = s.Value.Status.ToString(),
                s.Value.Origin,
                s.Value.RequestedAt,
                s.Value.ConfirmedAt,
                s.Value.EndedAt,
                s.Value.EndReason,
            }),
            Suppressed = await suppressions.ContainsAsync(subscriberId, cancellationToken),
            Consent = trail.OrderBy(c => c.At),
            RefusedDeliveries = (await ledger.ListFailedForAsync(subscriberId, cancellationToken)).Select(f => new { Edition = f.PartitionKey, f.Reason, f.FailedAt }),
        };
    }

    public async Task<ErasureReport> EraseAsync(string subscriberId, CancellationToken cancellationToken)
    {
        var deleted = await subscribers.DeleteAsync(subscriberId, cancellationToken);
        var consentRecords = await consents.DeleteAllAsync(subscriberId, cancellationToken);
        var deliveries = await ledger.ListFailedForAsync(subscriberId, cancellationToken);
        foreach (var row in deliveries)
        {
            await ledger.DeleteAsync(row, cancellationToken);
        }

        var files = 0;
        if (mail.Value.Mode == DeliveryMode.Outbox && Directory.Exists(outbox.Directory))
        {
            foreach (var file in Directory.EnumerateFiles(outbox.Directory, subscriberId + "*", SearchOption.AllDirectories))
            {
                File.Delete(file);
                files++;
            }
        }

        var kept = await suppressions.ContainsAsync(subscriberId, cancellationToken);
        logger.LogInformation("Erased subscriber {SubscriberId}: record {Deleted}, {Consents} consent records, {Deliveries} delivery records, {Files} outbox files; suppression kept: {Kept}", subscriberId, deleted, consentRecords, deliveries.Count, files, kept);
        return new ErasureReport(deleted, consentRecords, deliveries.Count, files, kept);
    }
}
