using System.Security.Cryptography;
using Azure;
using Herald.Configuration;
using Herald.Links;
using Herald.Mail;
using Herald.Queues;
using Herald.Telemetry;
using Herald.Templates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Herald.Subscribers;

/// <summary>
/// A subscriber's life: double opt-in (a request, then the confirm link's POST), unsubscribing, the preferences a
/// signed link opens, suppression after a bounce or complaint (per address, lifted only by a fresh double opt-in),
/// and operator imports. Every step that grants or withdraws consent is written to the consent log.
/// </summary>
public sealed class SubscriptionService(
    SubscriberStore store,
    SuppressionList suppressions,
    SignUpQuota quota,
    ConsentLog consents,
    SubscriberTokens tokens,
    SiteLinks links,
    TemplateCatalog templates,
    IMailSender mail,
    IOptions<HeraldOptions> options,
    TimeProvider time,
    HeraldMetrics metrics,
    ILogger<SubscriptionService> logger)
{
    /// <summary>Confirmation emails to one address are not re-sent more often than this (the form must not be a mail cannon).</summary>
    public static readonly TimeSpan ResendInterval = TimeSpan.FromMinutes(15);

    /// <summary>How many conflicting writes in a row a change survives by reading again before it gives up with the error.</summary>
    private const int MaxConflictRetries = 8;

    public NewsletterOptions? FindNewsletter(string? newsletterId) =>
        options.Value.Newsletters.FirstOrDefault(n => string.Equals(n.Id, newsletterId, StringComparison.Ordinal));

    /// <summary>
    /// Handles a sign-up taken by the form or API: an unknown address becomes a pending subscriber and gets a
    /// confirmation; a pending one asked for more than <see cref="ResendInterval"/> ago gets a new one (and the old
    /// link stops working); an active one gets nothing. A suppressed address gets a confirmation too: confirming it
    /// from the mailbox is how its owner lifts the suppression.
    /// </summary>
    public async Task<SubscribeOutcome> RequestAsync(SignUpRequest request, CancellationToken cancellationToken)
    {
        var newsletter = FindNewsletter(request.NewsletterId);
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

        // Only a request that would mail counts against its client's quota; the web form's hash is 24 hex digits, and
        // anything else in a queue message is not a client Herald hashed (mail to the subscribe address has none).
        if (request.IpHash is { Length: 24 } client && client.All(char.IsAsciiHexDigitLower) && !await quota.TryTakeAsync(client, cancellationToken))
        {
            logger.LogWarning("Sign-up to {Newsletter} for {Recipient} not mailed: its client address set off its hour's confirmations", newsletter.Id, EmailAddresses.Mask(address));
            return SubscribeOutcome.OverQuota;
        }

        Request(subscription, request.Source, now, request.RequestId);
        subscriber.Name ??= Clean(request.Name);
        if (isNew ? !await store.TryAddAsync(subscriber, cancellationToken) : !await TryUpdateAsync(subscriber, cancellationToken))
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
        await SendConfirmationAsync(newsletter, subscriber, subscription.ConfirmNonce!.Value, cancellationToken);
        subscription.ConfirmationSentAt = time.GetUtcNow();
        await TryUpdateAsync(subscriber, cancellationToken);
        return SubscribeOutcome.ConfirmationSent;
    }

    /// <summary>
    /// The confirm link's POST: activates the request the link was sent for, once. An old link (an earlier request's,
    /// or one used already) or a link of someone who has since unsubscribed changes nothing.
    /// </summary>
    public async Task<ChangeOutcome> ConfirmAsync(string? token, string? ipHash, CancellationToken cancellationToken)
    {
        var verified = tokens.Verify(token, TokenPurpose.Confirm);
        if (verified is null)
        {
            return ChangeOutcome.InvalidLink;
        }

        for (var attempt = 1; ; attempt++)
        {
            var subscriber = await store.GetAsync(verified.SubscriberId, cancellationToken);
            if (subscriber is null)
            {
                return ChangeOutcome.InvalidLink;
            }

            var subscription = subscriber.SubscriptionTo(verified.NewsletterId);
            if (subscription.Status == SubscriberStatus.Active)
            {
                return ChangeOutcome.AlreadyDone;
            }

            if (subscription.Status != SubscriberStatus.Pending || subscription.ConfirmNonce != verified.Nonce)
            {
                return ChangeOutcome.InvalidLink;
            }

            var now = time.GetUtcNow();
            Activate(subscription, now);
            if (!await TryUpdateAsync(subscriber, cancellationToken, attempt))
            {
                continue; // written in between (the confirmation-sent note, a double click): decide again on what is stored now
            }

            // Confirming from the mailbox proves it receives mail again: a bounce or complaint on record is lifted.
            await suppressions.RemoveAsync(subscriber.Id, cancellationToken);
            await consents.AddAsync(subscriber.Id, new ConsentRecord(now, verified.NewsletterId, "confirmed", subscription.Origin, ipHash), cancellationToken);
            logger.LogInformation("Subscriber {SubscriberId} of {Newsletter} is now {Status} ({Reason})", subscriber.Id, verified.NewsletterId, SubscriberStatus.Active, "confirmed");
            return ChangeOutcome.Done;
        }
    }

    /// <summary>The unsubscribe link's POST (and RFC 8058 one-click): idempotent.</summary>
    public Task<ChangeOutcome> UnsubscribeAsync(string? token, CancellationToken cancellationToken) =>
        UnsubscribeAsync(token, "unsubscribe link", cancellationToken);

    /// <summary>Stops the newsletter an unsubscribe token names, recording <paramref name="reason"/> (the link, a mailto).</summary>
    public async Task<ChangeOutcome> UnsubscribeAsync(string? token, string reason, CancellationToken cancellationToken)
    {
        var verified = tokens.Verify(token, TokenPurpose.Unsubscribe);
        var subscriber = verified is null ? null : await store.GetAsync(verified.SubscriberId, cancellationToken);
        if (subscriber is null || verified is null)
        {
            return verified is null ? ChangeOutcome.InvalidLink : ChangeOutcome.AlreadyDone;
        }

        return await UnsubscribeAsync(subscriber, verified.NewsletterId, reason, cancellationToken);
    }

    /// <summary>Stops one newsletter (the provider's own unsubscribe, an inbound "unsubscribe" mail).</summary>
    public async Task<ChangeOutcome> UnsubscribeAsync(Subscriber subscriber, string newsletterId, string reason, CancellationToken cancellationToken)
    {
        return await ChangeAsync(subscriber, [newsletterId], SubscriberStatus.Unsubscribed, reason, cancellationToken);
    }

    /// <summary>Stops all mail to an address after a hard bounce, a drop or a spam report: every newsletter, and the suppression list.</summary>
    public async Task<ChangeOutcome> SuppressAsync(string subscriberId, string reason, CancellationToken cancellationToken)
    {
        await suppressions.AddAsync(subscriberId, reason, cancellationToken);
        return await ChangeAsync(await store.GetAsync(subscriberId, cancellationToken), null, SubscriberStatus.Suppressed, reason, cancellationToken);
    }

    /// <summary>The subscriber a link is for and the newsletter it names, or null when the link is not genuine.</summary>
    public async Task<(Subscriber Subscriber, string NewsletterId)?> FindByTokenAsync(string? token, TokenPurpose purpose, CancellationToken cancellationToken)
    {
        var verified = tokens.Verify(token, purpose);
        var subscriber = verified is null ? null : await store.GetAsync(verified.SubscriberId, cancellationToken);
        return subscriber is null ? null : (subscriber, verified!.NewsletterId);
    }

    /// <summary>
    /// The preferences page's POST: the newsletters the reader wants, their name and time zone (an IANA id the caller
    /// checked, or null for each newsletter's own). The signed link proves the mailbox, so switching a newsletter on
    /// takes effect at once; a suppressed address cannot switch anything on.
    /// </summary>
    public async Task<ChangeOutcome> UpdatePreferencesAsync(Subscriber subscriber, IReadOnlySet<string> wanted, string? name, string? timeZone, string? ipHash, CancellationToken cancellationToken)
    {
        var suppressed = await suppressions.ContainsAsync(subscriber.Id, cancellationToken);
        var newName = Clean(name);
        for (var attempt = 1; ; attempt++)
        {
            var now = time.GetUtcNow();
            var changes = new List<(string Newsletter, string Action)>();
            foreach (var newsletter in options.Value.Newsletters)
            {
                var subscription = subscriber.SubscriptionTo(newsletter.Id);
                var active = subscription.Status == SubscriberStatus.Active;
                if (wanted.Contains(newsletter.Id) && !active && !suppressed)
                {
                    Activate(Request(subscription, "preferences", now), now);
                    changes.Add((newsletter.Id, "switched on"));
                }
                else if (!wanted.Contains(newsletter.Id) && active)
                {
                    subscription.Status = SubscriberStatus.Unsubscribed;
                    subscription.EndedAt = now;
                    subscription.EndReason = "preferences";
                    changes.Add((newsletter.Id, "switched off"));
                }
            }

            foreach (var unused in subscriber.Subscriptions.Where(s => s.Value.Status == SubscriberStatus.None).Select(s => s.Key).ToList())
            {
                subscriber.Subscriptions.Remove(unused);
            }

            if (changes.Count == 0 && newName == subscriber.Name && timeZone == subscriber.TimeZone)
            {
                return suppressed && wanted.Count > 0 ? ChangeOutcome.NotAllowed : ChangeOutcome.AlreadyDone;
            }

            subscriber.Name = newName;
            subscriber.TimeZone = timeZone;
            if (!await TryUpdateAsync(subscriber, cancellationToken, attempt))
            {
                // Written in between (another tab, a confirmation, a delivery note): apply the form to what is stored now.
                subscriber = await store.GetAsync(subscriber.Id, cancellationToken) ?? throw new InvalidOperationException("The subscriber was erased while their preferences were being saved.");
                continue;
            }

            foreach (var (newsletter, action) in changes)
            {
                await consents.AddAsync(subscriber.Id, new ConsentRecord(now, newsletter, action, "preferences", ipHash), cancellationToken);
            }

            return ChangeOutcome.Done;
        }
    }

    /// <summary>
    /// Adds an already-consenting subscriber (operator import, samples). An address that unsubscribed or was
    /// suppressed is left as it is: an import must not resubscribe someone who left. The consent record keeps
    /// <paramref name="consentedAt"/> when the operator knows when consent was given.
    /// </summary>
    public async Task<(Subscriber? Subscriber, bool Added)> AddConfirmedAsync(string newsletterId, string email, string origin, CancellationToken cancellationToken, string? name = null, DateTimeOffset? consentedAt = null)
    {
        if (EmailAddresses.Parse(email) is not var (address, unicode) || FindNewsletter(newsletterId) is null)
        {
            return (null, false);
        }

        var id = EmailAddresses.IdOf(address);
        if (await suppressions.ContainsAsync(id, cancellationToken))
        {
            return (await store.GetAsync(id, cancellationToken), false);
        }

        var now = time.GetUtcNow();
        var subscriber = new Subscriber { Id = id, Email = address, EmailUnicode = unicode, Name = Clean(name), CreatedAt = now };
        Activate(Request(subscriber.SubscriptionTo(newsletterId), origin, now), now);
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
            Activate(Request(existing.SubscriptionTo(newsletterId), origin, now), now);
            existing.Name ??= Clean(name);
            if (!await TryUpdateAsync(existing, cancellationToken, attempt))
            {
                continue;
            }

            await consents.AddAsync(id, new ConsentRecord(consentedAt ?? now, newsletterId, "consented (as imported)", origin, null), cancellationToken);
            logger.LogInformation("Subscriber {SubscriberId} of {Newsletter} is now {Status} ({Reason})", existing.Id, newsletterId, SubscriberStatus.Active, "confirmed by operator");
            return (existing, true);
        }
    }

    /// <summary>
    /// Stops <paramref name="newsletterIds"/> (null: every newsletter) for a subscriber, those still active or pending.
    /// The subscriber passed in may be stale: a conflicting write makes it read the stored one and decide again, so a
    /// change that landed in between (the confirmation-sent note, a preferences save) is neither lost nor overwritten.
    /// </summary>
    private async Task<ChangeOutcome> ChangeAsync(Subscriber? subscriber, IReadOnlyList<string>? newsletterIds, SubscriberStatus status, string reason, CancellationToken cancellationToken)
    {
        for (var attempt = 1; subscriber is not null; attempt++)
        {
            var now = time.GetUtcNow();
            var stopping = (newsletterIds ?? [.. subscriber.Subscriptions.Keys])
                .Where(n => subscriber.StatusFor(n) is SubscriberStatus.Active or SubscriberStatus.Pending).ToList();
            if (stopping.Count == 0)
            {
                return ChangeOutcome.AlreadyDone;
            }

            foreach (var newsletterId in stopping)
            {
                var subscription = subscriber.SubscriptionTo(newsletterId);
                subscription.Status = status;
                subscription.EndedAt = now;
                subscription.EndReason = reason;
                subscription.ConfirmNonce = null;
            }

            if (!await TryUpdateAsync(subscriber, cancellationToken, attempt))
            {
                subscriber = await store.GetAsync(subscriber.Id, cancellationToken);
                continue;
            }

            foreach (var newsletterId in stopping)
            {
                await consents.AddAsync(subscriber.Id, new ConsentRecord(now, newsletterId, status == SubscriberStatus.Suppressed ? "suppressed" : "unsubscribed", reason, null), cancellationToken);
                logger.LogInformation("Subscriber {SubscriberId} of {Newsletter} is now {Status} ({Reason})", subscriber.Id, newsletterId, status, reason);
            }

            return ChangeOutcome.Done;
        }

        return ChangeOutcome.AlreadyDone; // erased in between
    }

    /// <summary>
    /// Writes the subscriber if nobody wrote it since it was read (its ETag). False on a conflict, for the caller to read
    /// again and decide again; a subscriber rewritten this often in a row is under a storm no retry should join.
    /// </summary>
    private async Task<bool> TryUpdateAsync(Subscriber subscriber, CancellationToken cancellationToken, int attempt = 1)
    {
        try
        {
            await store.UpdateAsync(subscriber, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 412 && attempt < MaxConflictRetries)
        {
            return false;
        }
    }

    private async Task SendConfirmationAsync(NewsletterOptions newsletter, Subscriber subscriber, uint nonce, CancellationToken cancellationToken)
    {
        var model = new
        {
            Newsletter = NewsletterView.Of(newsletter),
            ConfirmUrl = links.Confirm(tokens.Create(TokenPurpose.Confirm, newsletter.Id, subscriber.Id, nonce)),
        };
        await mail.SendAsync(
            new OutgoingEmail
            {
                Key = $"{newsletter.Id}/confirmations/{subscriber.Id}-{nonce:x8}",
                Category = "confirmation",
                NewsletterId = newsletter.Id,
                SubscriberId = subscriber.Id,
                FromAddress = newsletter.FromAddress,
                FromName = newsletter.FromName,
                To = subscriber.Email,
                Subject = $"Confirm your subscription to {newsletter.Title}",
                Html = templates.Render("confirmation.html.scriban", model),
                Text = templates.Render("confirmation.txt.scriban", model),
            },
            cancellationToken);
    }

    /// <summary>A fresh request: pending, with a new nonce, so only the confirmation sent now confirms it.</summary>
    private static Subscription Request(Subscription subscription, string origin, DateTimeOffset now, string? requestId = null)
    {
        subscription.Status = SubscriberStatus.Pending;
        subscription.Origin = origin;
        subscription.RequestedAt = now;
        subscription.ConfirmNonce = BitConverter.ToUInt32(RandomNumberGenerator.GetBytes(4)) | 1;
        subscription.ConfirmationSentAt = null;
        subscription.RequestId = requestId;
        return subscription;
    }

    private static void Activate(Subscription subscription, DateTimeOffset now)
    {
        subscription.Status = SubscriberStatus.Active;
        subscription.ConfirmedAt = now;
        subscription.EndedAt = null;
        subscription.EndReason = null;
        subscription.ConfirmNonce = null;
        subscription.ConfirmationSentAt = null;
        subscription.RequestId = null;
    }

    /// <summary>A name as the reader typed it, without control characters, at most 100 characters; null when empty.</summary>
    private static string? Clean(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var cleaned = new string([.. name.Where(c => !char.IsControl(c) && char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.Format && c is < '\uE000' or > '\uF8FF')]).Trim();
        return cleaned.Length == 0 ? null : cleaned[..Math.Min(cleaned.Length, 100)];
    }
}
