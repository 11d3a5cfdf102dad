using Herald.Configuration;
using Herald.Links;
using Herald.Mail;
using Herald.Subscribers;
using Herald.Templates;

namespace Herald.Inbound;

/// <summary>
/// The one short automatic reply a day per newsletter and address to anything but a command: what the addresses do,
/// with the reader's own unsubscribe link when they asked to leave and are subscribed.
/// </summary>
public sealed class InboundReplies(InboundLog log, ReaderLinks readers, SiteLinks links, TemplateCatalog templates, IMailSender mail, TimeProvider time)
{
    public async Task<InboundOutcome> ReplyAsync(NewsletterOptions newsletter, string sender, InboundMessage message, bool askedToLeave, string domain, CancellationToken cancellationToken)
    {
        var id = EmailAddresses.IdOf(sender);
        if (!await log.TryClaimReplyAsync(newsletter.Id, id, cancellationToken))
        {
            return new InboundOutcome(InboundOutcome.Help, "already replied to this address today");
        }

        var (unsubscribeUrl, preferencesUrl) = await readers.ForAsync(newsletter.Id, id, cancellationToken);
        var model = new
        {
            Newsletter = NewsletterView.Of(newsletter),
            AskedToLeave = askedToLeave,
            UnsubscribeUrl = unsubscribeUrl,
            PreferencesUrl = preferencesUrl,
            SubscribeAddress = InboundAddresses.Subscribe(newsletter.Id, domain),
            NewsletterAddress = InboundAddresses.Newsletter(newsletter.Id, domain),
            SubscribePage = links.SubscribePage(newsletter.Id),
            ArchiveUrl = links.ArchiveIndex(newsletter.Id),
        };
        var headers = new Dictionary<string, string> { ["Auto-Submitted"] = "auto-replied" };
        if (message.MessageId is { } messageId)
        {
            headers["In-Reply-To"] = messageId;
            headers["References"] = messageId;
        }

        var content = new MailContent
        {
            Category = "reply",
            FromAddress = newsletter.FromAddress,
            FromName = newsletter.FromName,
            Subject = ReplySubject(message.Subject, newsletter.Title),
            Html = templates.Render("reply.html.scriban", model),
            Text = templates.Render("reply.txt.scriban", model),
            Headers = headers,
            Tags = new Dictionary<string, string> { ["herald_newsletter"] = newsletter.Id, ["herald_subscriber"] = id },
        };
        await mail.SendAsync(content, new MailRecipient { Email = sender, Key = $"{newsletter.Id}/replies/{id}-{time.GetUtcNow():yyyyMMdd}" }, cancellationToken);
        return new InboundOutcome(InboundOutcome.Help, askedToLeave ? "replied with the reader's unsubscribe link" : "replied with the commands");
    }

    private static string ReplySubject(string subject, string title)
    {
        var clean = new string([.. subject.Where(c => !char.IsControl(c))]).Trim();
        if (clean.Length == 0)
        {
            return $"About {title}";
        }

        clean = clean.Length <= 120 ? clean : clean[..120];
        return clean.StartsWith("re:", StringComparison.OrdinalIgnoreCase) ? clean : "Re: " + clean;
    }
}
