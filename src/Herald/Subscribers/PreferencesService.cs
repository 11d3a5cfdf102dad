using Herald.Configuration;
using Microsoft.Extensions.Options;

namespace Herald.Subscribers;

/// <summary>What a reader's signed preferences link opens: every newsletter of the site on or off, their name and time zone.</summary>
public sealed class PreferencesService(
    SubscriberTokens tokens,
    SubscriberStore store,
    SuppressionList suppressions,
    ConsentLog consents,
    IOptions<HeraldOptions> options,
    TimeProvider time)
{
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
    public async Task<ChangeOutcome> UpdateAsync(Subscriber subscriber, IReadOnlySet<string> wanted, string? name, string? timeZone, string? ipHash, CancellationToken cancellationToken)
    {
        var suppressed = await suppressions.ContainsAsync(subscriber.Id, cancellationToken);
        var newName = Subscriber.CleanName(name);
        for (var attempt = 1; ; attempt++)
        {
            var now = time.GetUtcNow();
            var changes = Apply(subscriber, wanted, suppressed, now);
            if (changes.Count == 0 && newName == subscriber.Name && timeZone == subscriber.TimeZone)
            {
                return suppressed && wanted.Count > 0 ? ChangeOutcome.NotAllowed : ChangeOutcome.AlreadyDone;
            }

            subscriber.Name = newName;
            subscriber.TimeZone = timeZone;
            if (!await store.TryUpdateAsync(subscriber, attempt, cancellationToken))
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

    /// <summary>Switches the subscriber's newsletters to <paramref name="wanted"/>; the changes made, for the consent log.</summary>
    private List<(string Newsletter, string Action)> Apply(Subscriber subscriber, IReadOnlySet<string> wanted, bool suppressed, DateTimeOffset now)
    {
        var changes = new List<(string Newsletter, string Action)>();
        foreach (var newsletter in options.Value.Newsletters)
        {
            var subscription = subscriber.SubscriptionTo(newsletter.Id);
            var active = subscription.Status == SubscriberStatus.Active;
            if (wanted.Contains(newsletter.Id) && !active && !suppressed)
            {
                subscription.Request("preferences", now).Activate(now);
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

        return changes;
    }
}
