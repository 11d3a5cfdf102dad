using Microsoft.Extensions.Logging;

namespace Herald.Subscribers;

/// <summary>The second half of double opt-in: the confirm link's POST activates the request the link was sent for, once.</summary>
public sealed class ConfirmationService(
    SubscriberTokens tokens,
    SubscriberStore store,
    SuppressionList suppressions,
    ConsentLog consents,
    ConfirmationMail mail,
    TimeProvider time,
    ILogger<ConfirmationService> logger)
{
    /// <summary>
    /// Activates the pending request the link names. An old link (an earlier request's, or one used already) or a link
    /// of someone who has since unsubscribed changes nothing.
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
            subscription.Activate(now);
            if (!await store.TryUpdateAsync(subscriber, attempt, cancellationToken))
            {
                continue; // written in between (the confirmation-sent note, a double click): decide again on what is stored now
            }

            // Confirming from the mailbox proves it receives mail again: a bounce or complaint on record is lifted.
            await suppressions.RemoveAsync(subscriber.Id, cancellationToken);
            await consents.AddAsync(subscriber.Id, new ConsentRecord(now, verified.NewsletterId, "confirmed", subscription.Origin, ipHash), cancellationToken);
            logger.LogInformation("Subscriber {SubscriberId} of {Newsletter} is now {Status} ({Reason})", subscriber.Id, verified.NewsletterId, SubscriberStatus.Active, "confirmed");
            await WelcomeAsync(verified.NewsletterId, subscriber, cancellationToken);
            return ChangeOutcome.Done;
        }
    }

    /// <summary>
    /// The welcome mail, once, by the request that confirmed: it is a courtesy, so a failure to send it is logged and the
    /// confirmation stands (a reader is not left pending for want of a welcome).
    /// </summary>
    private async Task WelcomeAsync(string newsletterId, Subscriber subscriber, CancellationToken cancellationToken)
    {
        try
        {
            await mail.SendWelcomeAsync(newsletterId, subscriber, cancellationToken);
        }
        catch (Exception ex) when (ex is Mail.PermanentDeliveryException or Mail.TransientDeliveryException or IOException or HttpRequestException)
        {
            logger.LogWarning("The welcome mail of {Newsletter} to subscriber {SubscriberId} did not go: {Reason}", newsletterId, subscriber.Id, ex.Message);
        }
    }
}
