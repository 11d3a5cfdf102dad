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
        var existing = await store.GetAsync(newsletter.Id, id, cancellationToken);
        if (existing is null)
        {
            var added = await store.TryAddAsync(NewRow(newsletter.Id, id, address, SubscriberStatus.Pending, origin, now), cancellationToken);
            if (!added)
            {
                return SubscribeOutcome.ConfirmationSent;
            }
        }
        else if (existing.State is SubscriberStatus.Active or SubscriberStatus.Suppressed
            || (existing.State == SubscriberStatus.Pending && now - existing.CreatedAt < ResendInterval))
        {
            // Active: nothing to do. Suppressed: the address bounced or complained; we do not mail it again.
            return SubscribeOutcome.ConfirmationSent;
        }
        else
        {
            existing.Status = nameof(SubscriberStatus.Pending);
            existing.CreatedAt = now;
            existing.Origin = origin;
            await store.UpdateAsync(existing, cancellationToken);
        }

        await SendConfirmationAsync(newsletter, id, address, cancellationToken);
        logger.LogInformation("Subscription to {Newsletter} requested by {Recipient}", newsletter.Id, EmailAddresses.Mask(address));
        return SubscribeOutcome.ConfirmationSent;
    }

    public async Task<ChangeOutcome> ConfirmAsync(string? token, CancellationToken cancellationToken)
    {
        var verified = tokens.Verify(token, TokenPurpose.Confirm);
        var subscriber = verified is null ? null : await store.GetAsync(verified.NewsletterId, verified.SubscriberId, cancellationToken);
        if (subscriber is null)
        {
            return ChangeOutcome.InvalidLink;
        }

        return subscriber.State switch
        {
            SubscriberStatus.Active => ChangeOutcome.AlreadyDone,
            SubscriberStatus.Suppressed => ChangeOutcome.NotAllowed,
            _ => await ChangeAsync(subscriber, SubscriberStatus.Active, "confirmed", cancellationToken),
        };
    }

    public async Task<ChangeOutcome> UnsubscribeAsync(string? token, CancellationToken cancellationToken)
    {
        var verified = tokens.Verify(token, TokenPurpose.Unsubscribe);
        var subscriber = verified is null ? null : await store.GetAsync(verified.NewsletterId, verified.SubscriberId, cancellationToken);
        if (subscriber is null)
        {
            return verified is null ? ChangeOutcome.InvalidLink : ChangeOutcome.AlreadyDone;
        }

        return subscriber.State is SubscriberStatus.Unsubscribed or SubscriberStatus.Suppressed
            ? ChangeOutcome.AlreadyDone
            : await ChangeAsync(subscriber, SubscriberStatus.Unsubscribed, "unsubscribe link", cancellationToken);
    }

    /// <summary>Stops all mail to a subscriber after a bounce, drop or spam report.</summary>
    public async Task<ChangeOutcome> SuppressAsync(string newsletterId, string subscriberId, string reason, CancellationToken cancellationToken)
    {
        var subscriber = await store.GetAsync(newsletterId, subscriberId, cancellationToken);
        if (subscriber is null)
        {
            return ChangeOutcome.InvalidLink;
        }

        return subscriber.State == SubscriberStatus.Suppressed
            ? ChangeOutcome.AlreadyDone
            : await ChangeAsync(subscriber, SubscriberStatus.Suppressed, reason, cancellationToken);
    }

    /// <summary>The subscriber a preferences link is for, or null when the link is not genuine.</summary>
    public async Task<Subscriber?> FindByTokenAsync(string? token, TokenPurpose purpose, CancellationToken cancellationToken)
    {
        var verified = tokens.Verify(token, purpose);
        return verified is null ? null : await store.GetAsync(verified.NewsletterId, verified.SubscriberId, cancellationToken);
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
        var row = NewRow(newsletterId, id, address, SubscriberStatus.Active, origin, now);
        row.ConfirmedAt = now;
        if (await store.TryAddAsync(row, cancellationToken))
        {
            return (row, true);
        }

        var existing = await store.GetAsync(newsletterId, id, cancellationToken);
        if (existing is { State: SubscriberStatus.Pending })
        {
            await ChangeAsync(existing, SubscriberStatus.Active, "confirmed by operator", cancellationToken);
            return (existing, true);
        }

        return (existing, false);
    }

    private async Task<ChangeOutcome> ChangeAsync(Subscriber subscriber, SubscriberStatus status, string reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        subscriber.Status = status.ToString();
        if (status == SubscriberStatus.Active)
        {
            subscriber.ConfirmedAt = now;
            subscriber.EndedAt = null;
            subscriber.EndReason = null;
        }
        else if (status is SubscriberStatus.Unsubscribed or SubscriberStatus.Suppressed)
        {
            subscriber.EndedAt = now;
            subscriber.EndReason = reason;
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

        logger.LogInformation("Subscriber {SubscriberId} of {Newsletter} is now {Status} ({Reason})", subscriber.Id, subscriber.NewsletterId, status, reason);
        return ChangeOutcome.Done;
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

    private static Subscriber NewRow(string newsletterId, string id, string address, SubscriberStatus status, string origin, DateTimeOffset now) => new()
    {
        PartitionKey = newsletterId,
        RowKey = id,
        Email = address,
        Status = status.ToString(),
        CreatedAt = now,
        Origin = origin,
    };
}
