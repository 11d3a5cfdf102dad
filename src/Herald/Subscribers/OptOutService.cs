using Microsoft.Extensions.Logging;

namespace Herald.Subscribers;

/// <summary>
/// Mail stopping: a reader unsubscribing (the link's POST, RFC 8058 one-click, a mailto, the provider's own
/// unsubscribe) and suppression after a hard bounce, a drop or a spam report (every newsletter, and the suppression
/// list, lifted only by a fresh double opt-in). Both are idempotent, and both are written to the consent log.
/// </summary>
public sealed class OptOutService(
    SubscriberTokens tokens,
    SubscriberStore store,
    SuppressionList suppressions,
    ConsentLog consents,
    TimeProvider time,
    ILogger<OptOutService> logger)
{
    /// <summary>The unsubscribe link's POST (and RFC 8058 one-click).</summary>
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
    public Task<ChangeOutcome> UnsubscribeAsync(Subscriber subscriber, string newsletterId, string reason, CancellationToken cancellationToken) =>
        StopAsync(subscriber, [newsletterId], SubscriberStatus.Unsubscribed, reason, cancellationToken);

    /// <summary>Stops all mail to an address after a hard bounce, a drop or a spam report: every newsletter, and the suppression list.</summary>
    public async Task<ChangeOutcome> SuppressAsync(string subscriberId, string reason, CancellationToken cancellationToken)
    {
        await suppressions.AddAsync(subscriberId, reason, cancellationToken);
        return await StopAsync(await store.GetAsync(subscriberId, cancellationToken), null, SubscriberStatus.Suppressed, reason, cancellationToken);
    }

    /// <summary>
    /// Stops <paramref name="newsletterIds"/> (null: every newsletter) for a subscriber, those still active or pending.
    /// The subscriber passed in may be stale: a conflicting write makes it read the stored one and decide again, so a
    /// change that landed in between (the confirmation-sent note, a preferences save) is neither lost nor overwritten.
    /// </summary>
    private async Task<ChangeOutcome> StopAsync(Subscriber? subscriber, IReadOnlyList<string>? newsletterIds, SubscriberStatus status, string reason, CancellationToken cancellationToken)
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
                subscriber.SubscriptionTo(newsletterId).End(status, now, reason);
            }

            if (!await store.TryUpdateAsync(subscriber, attempt, cancellationToken))
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
}
