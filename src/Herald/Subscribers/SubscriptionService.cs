using Azure;
using Herald.Configuration;
using Herald.Links;
using Herald.Mail;
using Herald.Templates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Herald.Subscribers;

/// <summary>Double opt-in subscription, confirmation, unsubscription and suppression.</summary>
public sealed class SubscriptionService(
    SubscriberStore store,
    SubscriberTokens tokens,
    SiteLinks links,
    TemplateCatalog templates,
    IMailSender mail,
    IOptions<HeraldOptions> options,
    TimeProvider time,
    ILogger<SubscriptionService> logger)
{
    /// <summary>Confirmation emails to one address are not re-sent more often than this (the form must not be a mail cannon).</summary>
    public static readonly TimeSpan ResendInterval = TimeSpan.FromMinutes(15);

    public NewsletterOptions? FindNewsletter(string? newsletterId) =>
        options.Value.Newsletters.FirstOrDefault(n => string.Equals(n.Id, newsletterId, StringComparison.Ordinal));

    public async Task<SubscribeOutcome> SubscribeAsync(string? newsletterId, string? email, string origin, CancellationToken cancellationToken)
    {
        var newsletter = FindNewsletter(newsletterId);
        if (newsletter is null)
        {
            return SubscribeOutcome.UnknownNewsletter;
        }

        var address = EmailAddresses.Normalize(email);
        if (address is null)
        {
            return SubscribeOutcome.InvalidAddress;
        }

        var id = EmailAddresses.IdOf(address);
        var now = time.GetUtcNow();
        var subscriber = await store.GetAsync(id, cancellationToken);
        if (subscriber is null)
        {
            subscriber = NewSubscriber(id, address, now);
            Request(subscriber.SubscriptionTo(newsletter.Id), origin, now);
            if (!await store.TryAddAsync(subscriber, cancellationToken))
            {
                return SubscribeOutcome.ConfirmationSent;
            }
        }
        else
        {
            var subscription = subscriber.SubscriptionTo(newsletter.Id);
            if (subscription.Status is SubscriberStatus.Active or SubscriberStatus.Suppressed
                || (subscription.Status == SubscriberStatus.Pending && now - subscription.RequestedAt < ResendInterval))
            {
                // Active: nothing to do. Suppressed: the address bounced or complained; we do not mail it again.
                return SubscribeOutcome.ConfirmationSent;
            }

            Request(subscription, origin, now);
            await store.UpdateAsync(subscriber, cancellationToken);
        }

        await SendConfirmationAsync(newsletter, id, address, cancellationToken);
        logger.LogInformation("Subscription to {Newsletter} requested by {Recipient}", newsletter.Id, EmailAddresses.Mask(address));
        return SubscribeOutcome.ConfirmationSent;
    }

    public async Task<ChangeOutcome> ConfirmAsync(string? token, CancellationToken cancellationToken)
    {
        var verified = tokens.Verify(token, TokenPurpose.Confirm);
        var subscriber = verified is null ? null : await store.GetAsync(verified.SubscriberId, cancellationToken);
        if (subscriber is null || verified is null)
        {
            return ChangeOutcome.InvalidLink;
        }

        return subscriber.StatusFor(verified.NewsletterId) switch
        {
            SubscriberStatus.Active => ChangeOutcome.AlreadyDone,
            SubscriberStatus.Suppressed => ChangeOutcome.NotAllowed,
            SubscriberStatus.None => ChangeOutcome.InvalidLink,
            _ => await ChangeAsync(subscriber, verified.NewsletterId, SubscriberStatus.Active, "confirmed", cancellationToken),
        };
    }

    public async Task<ChangeOutcome> UnsubscribeAsync(string? token, CancellationToken cancellationToken)
    {
        var verified = tokens.Verify(token, TokenPurpose.Unsubscribe);
        var subscriber = verified is null ? null : await store.GetAsync(verified.SubscriberId, cancellationToken);
        if (subscriber is null || verified is null)
        {
            return verified is null ? ChangeOutcome.InvalidLink : ChangeOutcome.AlreadyDone;
        }

        return subscriber.StatusFor(verified.NewsletterId) is SubscriberStatus.Unsubscribed or SubscriberStatus.Suppressed or SubscriberStatus.None
            ? ChangeOutcome.AlreadyDone
            : await ChangeAsync(subscriber, verified.NewsletterId, SubscriberStatus.Unsubscribed, "unsubscribe link", cancellationToken);
    }

    /// <summary>Stops all mail to a subscriber after a bounce, drop or spam report.</summary>
    public async Task<ChangeOutcome> SuppressAsync(string newsletterId, string subscriberId, string reason, CancellationToken cancellationToken)
    {
        var subscriber = await store.GetAsync(subscriberId, cancellationToken);
        if (subscriber is null || subscriber.StatusFor(newsletterId) == SubscriberStatus.None)
        {
            return ChangeOutcome.InvalidLink;
        }

        return subscriber.StatusFor(newsletterId) == SubscriberStatus.Suppressed
            ? ChangeOutcome.AlreadyDone
            : await ChangeAsync(subscriber, newsletterId, SubscriberStatus.Suppressed, reason, cancellationToken);
    }

    /// <summary>The subscriber a link is for and the newsletter it names, or null when the link is not genuine.</summary>
    public async Task<(Subscriber Subscriber, string NewsletterId)?> FindByTokenAsync(string? token, TokenPurpose purpose, CancellationToken cancellationToken)
    {
        var verified = tokens.Verify(token, purpose);
        var subscriber = verified is null ? null : await store.GetAsync(verified.SubscriberId, cancellationToken);
        return subscriber is null ? null : (subscriber, verified!.NewsletterId);
    }

    /// <summary>
    /// Adds an already-consenting subscriber (operator import, samples). An address that unsubscribed or was
    /// suppressed is left as it is: an import must not resubscribe someone who left.
    /// </summary>
    public async Task<(Subscriber? Subscriber, bool Added)> AddConfirmedAsync(string newsletterId, string email, string origin, CancellationToken cancellationToken)
    {
        var address = EmailAddresses.Normalize(email);
        if (address is null || FindNewsletter(newsletterId) is null)
        {
            return (null, false);
        }

        var id = EmailAddresses.IdOf(address);
        var now = time.GetUtcNow();
        var subscriber = NewSubscriber(id, address, now);
        Activate(Request(subscriber.SubscriptionTo(newsletterId), origin, now), now);
        if (await store.TryAddAsync(subscriber, cancellationToken))
        {
            return (subscriber, true);
        }

        var existing = await store.GetAsync(id, cancellationToken);
        var status = existing?.StatusFor(newsletterId);
        if (existing is not null && status is SubscriberStatus.Pending or SubscriberStatus.None)
        {
            Activate(Request(existing.SubscriptionTo(newsletterId), origin, now), now);
            await store.UpdateAsync(existing, cancellationToken);
            logger.LogInformation("Subscriber {SubscriberId} of {Newsletter} is now {Status} ({Reason})", existing.Id, newsletterId, SubscriberStatus.Active, "confirmed by operator");
            return (existing, true);
        }

        return (existing, false);
    }

    private async Task<ChangeOutcome> ChangeAsync(Subscriber subscriber, string newsletterId, SubscriberStatus status, string reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var subscription = subscriber.SubscriptionTo(newsletterId);
        subscription.Status = status;
        if (status == SubscriberStatus.Active)
        {
            Activate(subscription, now);
        }
        else if (status is SubscriberStatus.Unsubscribed or SubscriberStatus.Suppressed)
        {
            subscription.EndedAt = now;
            subscription.EndReason = reason;
        }

        try
        {
            await store.UpdateAsync(subscriber, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            // Changed concurrently (a double click): the other request did the same change or a newer one.
            return ChangeOutcome.AlreadyDone;
        }

        logger.LogInformation("Subscriber {SubscriberId} of {Newsletter} is now {Status} ({Reason})", subscriber.Id, newsletterId, status, reason);
        return ChangeOutcome.Done;
    }

    private static Subscription Request(Subscription subscription, string origin, DateTimeOffset now)
    {
        subscription.Status = SubscriberStatus.Pending;
        subscription.Origin = origin;
        subscription.RequestedAt = now;
        return subscription;
    }

    private static void Activate(Subscription subscription, DateTimeOffset now)
    {
        subscription.Status = SubscriberStatus.Active;
        subscription.ConfirmedAt = now;
        subscription.EndedAt = null;
        subscription.EndReason = null;
    }

    private async Task SendConfirmationAsync(NewsletterOptions newsletter, string subscriberId, string address, CancellationToken cancellationToken)
    {
        var model = new
        {
            Newsletter = NewsletterView.Of(newsletter),
            ConfirmUrl = links.Confirm(tokens.Create(TokenPurpose.Confirm, newsletter.Id, subscriberId)),
        };
        await mail.SendAsync(
            new OutgoingEmail
            {
                Key = $"{newsletter.Id}/confirmations/{subscriberId}",
                Category = "confirmation",
                NewsletterId = newsletter.Id,
                SubscriberId = subscriberId,
                FromAddress = newsletter.FromAddress,
                FromName = newsletter.FromName,
                To = address,
                Subject = $"Confirm your subscription to {newsletter.Title}",
                Html = templates.Render("confirmation.html.scriban", model),
                Text = templates.Render("confirmation.txt.scriban", model),
            },
            cancellationToken);
    }

    private static Subscriber NewSubscriber(string id, string address, DateTimeOffset now) => new()
    {
        Id = id,
        Email = address,
        CreatedAt = now,
    };
}
