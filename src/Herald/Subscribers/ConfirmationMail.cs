using Herald.Configuration;
using Herald.Links;
using Herald.Mail;
using Herald.Templates;
using Microsoft.Extensions.Options;

namespace Herald.Subscribers;

/// <summary>
/// The double opt-in's emails: the confirm link of one pending request, mailed to the address that asked, and the
/// newsletter's welcome once it is confirmed. Before a sign-up is stored it asks whether its client may set off another
/// confirmation this hour (the shared quota), so a flood of sign-ups costs queue messages, not mail.
/// </summary>
public sealed class ConfirmationMail(SignUpQuota quota, SubscriberTokens tokens, SiteLinks links, TemplateCatalog templates, IMailSender mail, IOptions<HeraldOptions> options)
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

    /// <summary>The newsletter's welcome mail (its Welcome template set), when it has one; false when it has none.</summary>
    public async Task<bool> SendWelcomeAsync(string newsletterId, Subscriber subscriber, CancellationToken cancellationToken)
    {
        if (options.Value.FindNewsletter(newsletterId) is not { Welcome: { Length: > 0 } welcome } newsletter)
        {
            return false;
        }

        var model = new
        {
            Newsletter = NewsletterView.Of(newsletter),
            subscriber.Name,
            PreferencesUrl = links.Preferences(tokens.Create(TokenPurpose.Preferences, newsletter.Id, subscriber.Id)),
            UnsubscribeUrl = links.Unsubscribe(tokens.Create(TokenPurpose.Unsubscribe, newsletter.Id, subscriber.Id)),
            ArchiveUrl = links.ArchiveIndex(newsletter.Id),
        };
        var content = new MailContent
        {
            Category = "welcome",
            FromAddress = newsletter.FromAddress,
            FromName = newsletter.FromName,
            Subject = $"Welcome to {newsletter.Title}",
            Html = templates.Render($"{welcome}.html.scriban", model),
            Text = templates.Render($"{welcome}.txt.scriban", model),
            Tags = new Dictionary<string, string> { ["herald_newsletter"] = newsletter.Id, ["herald_subscriber"] = subscriber.Id },
        };
        await mail.SendAsync(content, new MailRecipient { Email = subscriber.Email, Name = subscriber.Name, Key = $"{newsletter.Id}/welcome/{subscriber.Id}" }, cancellationToken);
        return true;
    }
}
