using Herald.Configuration;
using Herald.Mail;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Herald.Subscribers;

/// <summary>Subscribers an operator brings who already consented: a CSV import, "herald subscribers add", the sample list.</summary>
public sealed class SubscriberImports(
    SubscriberStore store,
    SuppressionList suppressions,
    ConsentLog consents,
    IOptions<HeraldOptions> options,
    TimeProvider time,
    ILogger<SubscriberImports> logger)
{
    /// <summary>
    /// Adds an already-consenting subscriber. An address that unsubscribed or was suppressed is left as it is: an import
    /// must not resubscribe someone who left. The consent record keeps <paramref name="consentedAt"/> when the operator
    /// knows when consent was given.
    /// </summary>
    public async Task<(Subscriber? Subscriber, bool Added)> AddConfirmedAsync(string newsletterId, string email, string origin, CancellationToken cancellationToken, string? name = null, DateTimeOffset? consentedAt = null)
    {
        if (EmailAddresses.Parse(email) is not var (address, unicode) || options.Value.FindNewsletter(newsletterId) is null)
        {
            return (null, false);
        }

        var id = EmailAddresses.IdOf(address);
        if (await suppressions.ContainsAsync(id, cancellationToken))
        {
            return (await store.GetAsync(id, cancellationToken), false);
        }

        var now = time.GetUtcNow();
        var subscriber = new Subscriber { Id = id, Email = address, EmailUnicode = unicode, Name = Subscriber.CleanName(name), CreatedAt = now };
        subscriber.SubscriptionTo(newsletterId).Request(origin, now).Activate(now);
        if (await store.TryAddAsync(subscriber, cancellationToken))
        {
            await consents.AddAsync(id, new ConsentRecord(consentedAt ?? now, newsletterId, "consented (as imported)", origin, null), cancellationToken);
            return (subscriber, true);
        }

        // Already stored: activate a pending or absent subscription, reading again and deciding again when another write
        // (a confirm click, a bounce, a preferences save) lands between this read and this write.
        for (var attempt = 1; ; attempt++)
        {
            var existing = await store.GetAsync(id, cancellationToken);
            if (existing is null || existing.StatusFor(newsletterId) is not (SubscriberStatus.Pending or SubscriberStatus.None))
            {
                return (existing, false);
            }

            now = time.GetUtcNow();
            existing.SubscriptionTo(newsletterId).Request(origin, now).Activate(now);
            existing.Name ??= Subscriber.CleanName(name);
            if (!await store.TryUpdateAsync(existing, attempt, cancellationToken))
            {
                continue;
            }

            await consents.AddAsync(id, new ConsentRecord(consentedAt ?? now, newsletterId, "consented (as imported)", origin, null), cancellationToken);
            logger.LogInformation("Subscriber {SubscriberId} of {Newsletter} is now {Status} ({Reason})", existing.Id, newsletterId, SubscriberStatus.Active, "confirmed by operator");
            return (existing, true);
        }
    }
}
