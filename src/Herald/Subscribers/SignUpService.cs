using Herald.Configuration;
using Herald.Mail;
using Herald.Queues;
using Herald.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Herald.Subscribers;

/// <summary>
/// The first half of double opt-in: a sign-up taken by the form, the API or mail to Herald (queued, then handled here)
/// becomes a pending request and its confirmation email.
/// </summary>
public sealed class SignUpService(
    SubscriberStore store,
    ConsentLog consents,
    ConfirmationMail confirmations,
    IOptions<HeraldOptions> options,
    TimeProvider time,
    HeraldMetrics metrics,
    ILogger<SignUpService> logger)
{
    /// <summary>Confirmation emails to one address are not re-sent more often than this (the form must not be a mail cannon).</summary>
    public static readonly TimeSpan ResendInterval = TimeSpan.FromMinutes(15);

    /// <summary>
    /// An unknown address becomes a pending subscriber and gets a confirmation; a pending one asked for more than
    /// <see cref="ResendInterval"/> ago gets a new one (and the old link stops working); an active one gets nothing. A
    /// suppressed address gets a confirmation too: confirming it from the mailbox is how its owner lifts the suppression.
    /// </summary>
    public async Task<SubscribeOutcome> RequestAsync(SignUpRequest request, CancellationToken cancellationToken)
    {
        var newsletter = options.Value.FindNewsletter(request.NewsletterId);
        if (newsletter is null)
        {
            return SubscribeOutcome.UnknownNewsletter;
        }

        metrics.SignUpProcessed(newsletter.Id);

        if (EmailAddresses.Parse(request.Email) is not var (address, unicode))
        {
            return SubscribeOutcome.InvalidAddress;
        }

        var id = EmailAddresses.IdOf(address);
        var now = time.GetUtcNow();
        var subscriber = await store.GetAsync(id, cancellationToken);
        var isNew = subscriber is null;
        subscriber ??= new Subscriber { Id = id, Email = address, EmailUnicode = unicode, CreatedAt = now };
        var subscription = subscriber.SubscriptionTo(newsletter.Id);
        if (subscription.Status == SubscriberStatus.Pending && now - subscription.RequestedAt < ResendInterval)
        {
            // Asked for just now: mail nothing more, unless this is a retry of the request whose attempt died before mailing it.
            return subscription.ConfirmationSentAt is null && request.RequestId is not null && subscription.RequestId == request.RequestId
                ? await MailConfirmationAsync(newsletter, subscriber, subscription, cancellationToken) : SubscribeOutcome.ConfirmationSent;
        }

        if (subscription.Status == SubscriberStatus.Active)
        {
            return SubscribeOutcome.ConfirmationSent;
        }

        // Only a request that would mail counts against its client's quota.
        if (!await confirmations.MayMailAsync(request.IpHash, cancellationToken))
        {
            logger.LogWarning("Sign-up to {Newsletter} for {Recipient} not mailed: its client address set off its hour's confirmations", newsletter.Id, EmailAddresses.Mask(address));
            return SubscribeOutcome.OverQuota;
        }

        subscription.Request(request.Source, now, request.RequestId);
        subscriber.Name ??= Subscriber.CleanName(request.Name);
        if (isNew ? !await store.TryAddAsync(subscriber, cancellationToken) : !await store.TryUpdateAsync(subscriber, 1, cancellationToken))
        {
            return SubscribeOutcome.ConfirmationSent; // a concurrent request for the same address did it
        }

        await consents.AddAsync(id, new ConsentRecord(now, newsletter.Id, "requested", request.Source, request.IpHash), cancellationToken);
        logger.LogInformation("Subscription to {Newsletter} requested by {Recipient}", newsletter.Id, EmailAddresses.Mask(address));
        return await MailConfirmationAsync(newsletter, subscriber, subscription, cancellationToken);
    }

    /// <summary>
    /// Mails the stored request's confirmation, then notes that it went. Dying in between mails it once more on the
    /// retry, with the same link (the outbox writes the same file again); a concurrent change of the subscriber
    /// (the reader confirming already) leaves the note unwritten, which changes nothing.
    /// </summary>
    private async Task<SubscribeOutcome> MailConfirmationAsync(NewsletterOptions newsletter, Subscriber subscriber, Subscription subscription, CancellationToken cancellationToken)
    {
        await confirmations.SendAsync(newsletter, subscriber, subscription.ConfirmNonce!.Value, cancellationToken);
        subscription.ConfirmationSentAt = time.GetUtcNow();
        await store.TryUpdateAsync(subscriber, 1, cancellationToken);
        return SubscribeOutcome.ConfirmationSent;
    }
}
