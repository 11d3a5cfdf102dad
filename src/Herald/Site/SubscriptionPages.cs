using Herald.Links;
using Herald.Mail;
using Herald.Subscribers;
using Herald.Templates;

namespace Herald.Site;

/// <summary>The pages behind the subscribe, confirm, unsubscribe and preferences links, rendered from templates/page.html.scriban.</summary>
public sealed class SubscriptionPages(SubscriptionService subscriptions, SubscriberTokens tokens, TemplateCatalog templates)
{
    public PageResult SubscribeForm(string? newsletterId)
    {
        var newsletter = subscriptions.FindNewsletter(newsletterId);
        return newsletter is null
            ? Page(404, "Newsletter not found", "There is no newsletter at this address.")
            : Page(200, $"Subscribe to {newsletter.Title}", newsletter.Description, new PageForm(Routes.PathOf(Routes.Subscribe), "Subscribe", AskEmail: true, [new("newsletter", newsletter.Id)]));
    }

    public async Task<PageResult> SubscribeAsync(string? newsletterId, string? email, CancellationToken cancellationToken) =>
        await subscriptions.SubscribeAsync(newsletterId, email, "form", cancellationToken) switch
        {
            SubscribeOutcome.ConfirmationSent => Page(200, "Check your inbox", "We sent you an email with a link. Click it to confirm your subscription."),
            SubscribeOutcome.InvalidAddress => Page(400, "That address does not look right", "Please go back and enter one email address, such as name@example.com."),
            _ => Page(404, "Newsletter not found", "There is no newsletter at this address."),
        };

    public async Task<PageResult> ConfirmAsync(string? token, CancellationToken cancellationToken) =>
        await subscriptions.ConfirmAsync(token, cancellationToken) switch
        {
            ChangeOutcome.Done or ChangeOutcome.AlreadyDone => Page(200, "You are subscribed", "Thank you. The next edition will reach your inbox."),
            ChangeOutcome.NotAllowed => Page(409, "We cannot send to this address", "Mail to this address bounced or was reported, so we no longer send to it."),
            _ => Page(400, "This link does not work", "It may have expired. Subscribe again to get a new one."),
        };

    /// <summary>GET shows a button only: mail scanners follow links, and a followed link must not unsubscribe anyone.</summary>
    public PageResult UnsubscribeForm(string? token) =>
        tokens.Verify(token, TokenPurpose.Unsubscribe) is null
            ? Page(400, "This link does not work", "Use the unsubscribe link of a recent email.")
            : Page(200, "Unsubscribe?", "Press the button and you will receive no more editions.", new PageForm(SiteLinks.WithToken(Routes.Unsubscribe, token!), "Unsubscribe", AskEmail: false, []));

    public async Task<PageResult> UnsubscribeAsync(string? token, CancellationToken cancellationToken) =>
        await subscriptions.UnsubscribeAsync(token, cancellationToken) switch
        {
            ChangeOutcome.Done or ChangeOutcome.AlreadyDone => Page(200, "You are unsubscribed", "You will receive no more editions."),
            _ => Page(400, "This link does not work", "Use the unsubscribe link of a recent email."),
        };

    public async Task<PageResult> PreferencesAsync(string? token, CancellationToken cancellationToken)
    {
        if (await subscriptions.FindByTokenAsync(token, TokenPurpose.Preferences, cancellationToken) is not var (subscriber, newsletterId))
        {
            return Page(400, "This link does not work", "Use the preferences link of a recent email.");
        }

        var newsletter = subscriptions.FindNewsletter(newsletterId);
        var active = subscriber.StatusFor(newsletterId) == SubscriberStatus.Active;
        var status = active ? "You receive every edition." : "You receive no editions.";
        var unsubscribe = tokens.Create(TokenPurpose.Unsubscribe, newsletterId, subscriber.Id);
        return active
            ? Page(200, $"{newsletter?.Title ?? newsletterId}: your subscription", $"{EmailAddresses.Mask(subscriber.Email)}. {status}", new PageForm(SiteLinks.WithToken(Routes.Unsubscribe, unsubscribe), "Unsubscribe", AskEmail: false, []))
            : Page(200, $"{newsletter?.Title ?? newsletterId}: your subscription", $"{EmailAddresses.Mask(subscriber.Email)}. {status}");
    }

    private PageResult Page(int status, string title, string message, PageForm? form = null) =>
        new(status, templates.Render("page.html.scriban", new PageModel(title, message, form)));

    private sealed record PageModel(string Title, string Message, PageForm? Form);

    private sealed record PageForm(string Action, string Button, bool AskEmail, IReadOnlyList<PageField> Fields);

    private sealed record PageField(string Name, string Value);
}
