using Herald.Configuration;
using Herald.Links;
using Herald.Mail;
using Herald.Templates;

namespace Herald.Subscribers;

/// <summary>
/// The double opt-in's email: the confirm link of one pending request, mailed to the address that asked. Before a
/// sign-up is stored it asks whether its client may set off another confirmation this hour (the shared quota), so a
/// flood of sign-ups costs queue messages, not mail.
/// </summary>
public sealed class ConfirmationMail(SignUpQuota quota, SubscriberTokens tokens, SiteLinks links, TemplateCatalog templates, IMailSender mail)
{
    /// <summary>
    /// Takes one confirmation from the client's hourly quota; false when it is spent. The web form's client hash is 24
    /// lowercase hex digits; anything else in a queue message is not a client Herald hashed (mail to the subscribe
    /// address has none), and is not counted.
    /// </summary>
    public async Task<bool> MayMailAsync(string? clientHash, CancellationToken cancellationToken) =>
        clientHash is not ({ Length: 24 } client) || !client.All(char.IsAsciiHexDigitLower) || await quota.TryTakeAsync(client, cancellationToken);

    /// <summary>Mails the confirm link of the request <paramref name="nonce"/> names; the same request always makes the same email key.</summary>
    public async Task SendAsync(NewsletterOptions newsletter, Subscriber subscriber, uint nonce, CancellationToken cancellationToken)
    {
        var model = new
        {
            Newsletter = NewsletterView.Of(newsletter),
            ConfirmUrl = links.Confirm(tokens.Create(TokenPurpose.Confirm, newsletter.Id, subscriber.Id, nonce)),
        };
        var content = new MailContent
        {
            Category = "confirmation",
            FromAddress = newsletter.FromAddress,
            FromName = newsletter.FromName,
            Subject = $"Confirm your subscription to {newsletter.Title}",
            Html = templates.Render("confirmation.html.scriban", model),
            Text = templates.Render("confirmation.txt.scriban", model),
            Tags = new Dictionary<string, string> { ["herald_newsletter"] = newsletter.Id, ["herald_subscriber"] = subscriber.Id },
        };
        await mail.SendAsync(content, new MailRecipient { Email = subscriber.Email, Key = $"{newsletter.Id}/confirmations/{subscriber.Id}-{nonce:x8}" }, cancellationToken);
    }
}
