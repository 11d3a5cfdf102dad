using Herald.Configuration;
using Herald.Editions;
using Herald.Links;
using Herald.Mail;
using Herald.Queues;
using Herald.Subscribers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Herald.Delivery;

/// <summary>
/// Handles a <see cref="SendBatch"/>: one personalized email per subscriber. The ledger is checked before and
/// written after each send, so a batch that is retried after a crash skips everyone it already reached.
/// </summary>
public sealed class DigestSender(
    EditionStore editions,
    SubscriberStore subscribers,
    DeliveryLedger ledger,
    SubscriberTokens tokens,
    SiteLinks links,
    IMailSender mail,
    IOptions<HeraldOptions> heraldOptions,
    IOptions<MailOptions> mailOptions,
    TimeProvider time,
    ILogger<DigestSender> logger)
{
    public async Task<BatchReport> SendAsync(SendBatch batch, CancellationToken cancellationToken)
    {
        var newsletter = heraldOptions.Value.Newsletters.FirstOrDefault(n => n.Id == batch.NewsletterId)
            ?? throw new InvalidDataException($"Send batch names newsletter '{batch.NewsletterId}', which is not configured.");
        var stored = await editions.GetAsync(batch.NewsletterId, batch.Date, cancellationToken)
            ?? throw new InvalidDataException($"Edition {batch.EditionId} of the send batch is not stored.");
        var edition = stored.Value;

        int sent = 0, skipped = 0, inactive = 0;
        foreach (var subscriberId in batch.SubscriberIds.Distinct(StringComparer.Ordinal))
        {
            if (await ledger.WasSentAsync(edition.Id, subscriberId, cancellationToken))
            {
                skipped++;
                continue;
            }

            // Read now, not when the batch was queued: someone who unsubscribed since gets nothing.
            var subscriber = await subscribers.GetAsync(newsletter.Id, subscriberId, cancellationToken);
            if (subscriber is not { State: SubscriberStatus.Active })
            {
                inactive++;
                continue;
            }

            await mail.SendAsync(Personalize(newsletter, edition, subscriber), cancellationToken);
            await ledger.RecordSentAsync(edition.Id, subscriberId, mailOptions.Value.Mode.ToString(), time.GetUtcNow(), cancellationToken);
            sent++;
        }

        logger.LogInformation("Sent edition {EditionId} to {Sent} subscribers ({Skipped} already had it, {Inactive} no longer subscribed)", edition.Id, sent, skipped, inactive);
        return new BatchReport(sent, skipped, inactive);
    }

    private OutgoingEmail Personalize(NewsletterOptions newsletter, Edition edition, Subscriber subscriber)
    {
        var unsubscribe = links.Unsubscribe(tokens.Create(TokenPurpose.Unsubscribe, newsletter.Id, subscriber.Id));
        var preferences = links.Preferences(tokens.Create(TokenPurpose.Preferences, newsletter.Id, subscriber.Id));
        return new OutgoingEmail
        {
            Key = $"{newsletter.Id}/{edition.Date:yyyy-MM-dd}/{subscriber.Id}",
            Category = "digest",
            NewsletterId = newsletter.Id,
            SubscriberId = subscriber.Id,
            FromAddress = newsletter.FromAddress,
            FromName = newsletter.FromName,
            To = subscriber.Email,
            Subject = edition.Subject,
            Html = PersonalLinks.Apply(edition.Html, System.Net.WebUtility.HtmlEncode(unsubscribe), System.Net.WebUtility.HtmlEncode(preferences)),
            Text = PersonalLinks.Apply(edition.Text, unsubscribe, preferences),
            Headers = new Dictionary<string, string>
            {
                // RFC 2369 and RFC 8058 one-click unsubscribe: required by Gmail and Yahoo for bulk senders.
                ["List-Unsubscribe"] = $"<{unsubscribe}>",
                ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
                ["List-Id"] = $"{newsletter.Title} <{newsletter.Id}.herald>",
            },
        };
    }
}
