using System.Globalization;
using Herald.Configuration;
using Herald.Editions;
using Herald.Links;
using Herald.Mail;
using Herald.Subscribers;
using Herald.Templates;

namespace Herald.Delivery;

/// <summary>An edition as mail: the content every recipient shares, and each recipient's own links and headers.</summary>
public sealed class DigestMail(SubscriberTokens tokens, SiteLinks links, IUnsubscribeMailbox mailbox)
{
    public static MailContent Content(NewsletterOptions newsletter, Edition edition, int batch, string category = "digest", string subjectPrefix = "") => new()
    {
        FromAddress = newsletter.FromAddress,
        FromName = newsletter.FromName,
        Subject = subjectPrefix + edition.Subject,
        Html = edition.Html,
        Text = edition.Text,
        Category = category,
        Headers = new Dictionary<string, string>
        {
            // RFC 8058 one-click unsubscribe: required by Gmail and Yahoo for bulk senders.
            ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
            ["List-Id"] = $"{newsletter.Title} <{newsletter.Id}.herald>",
        },
        Tags = new Dictionary<string, string>
        {
            ["herald_newsletter"] = newsletter.Id,
            ["herald_edition"] = edition.Id,
            ["herald_batch"] = batch.ToString(CultureInfo.InvariantCulture),
        },
    };

    /// <summary>"white-house-watch/2026-11-25-0600/": where an edition's emails go in the outbox, before the subscriber id.</summary>
    private static string KeyPrefix(NewsletterOptions newsletter, Edition edition) => $"{newsletter.Id}/{edition.Slot}/";

    /// <summary>One recipient's copy: their unsubscribe and preferences links, their name, and List-Unsubscribe.</summary>
    public MailRecipient Recipient(NewsletterOptions newsletter, Edition edition, Recipient recipient, string? key = null)
    {
        var unsubscribeToken = tokens.Create(TokenPurpose.Unsubscribe, newsletter.Id, recipient.Id);
        var unsubscribe = links.Unsubscribe(unsubscribeToken, edition.Id);
        var mailto = mailbox.AddressFor(unsubscribeToken);
        return new MailRecipient
        {
            Email = recipient.Email,
            Name = recipient.Name,
            Key = key ?? string.Concat(KeyPrefix(newsletter, edition), recipient.Id),
            Values = new PersonalValues(unsubscribe, links.Preferences(tokens.Create(TokenPurpose.Preferences, newsletter.Id, recipient.Id)), recipient.Name ?? ""),
            Headers =
            [
                // RFC 2369: the https link for one-click (RFC 8058), and a mailto for clients that cannot POST.
                new("List-Unsubscribe", mailto is null ? $"<{unsubscribe}>" : $"<{unsubscribe}>, <mailto:{mailto}>"),
            ],
        };
    }
}
