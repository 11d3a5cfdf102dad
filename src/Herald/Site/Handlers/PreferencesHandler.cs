using Herald.Configuration;
using Herald.Links;
using Herald.Mail;
using Herald.Site.Pages;
using Herald.Subscribers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Herald.Site.Handlers;

/// <summary>
/// GET /api/preferences?token=: the reader's own page — every newsletter of the site, on or off, their name, a way to
/// leave them all, and their data (export, erase). POST saves the form.
/// </summary>
public sealed class PreferencesHandler(
    SubscriptionService subscriptions,
    OriginPolicy origins,
    ClientAddress clients,
    ClientIpHasher ipHasher,
    SitePages pages,
    IOptions<HeraldOptions> herald,
    IOptions<SiteOptions> options) : ISiteHandler
{
    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var token = context.Request.Query["token"].ToString();
        if (await subscriptions.FindByTokenAsync(token, TokenPurpose.Preferences, cancellationToken) is not var (subscriber, _))
        {
            return pages.Error(400, "This link does not work", "Use the preferences link of a recent email.");
        }

        string? saved = null;
        if (HttpMethods.IsPost(context.Request.Method))
        {
            if (!origins.Allows(context.Request))
            {
                return pages.Error(403, "Not from this site", "Change your preferences on the page the link in your email opens.");
            }

            var (fields, refusal) = await RequestReader.ReadFieldsAsync(context.Request, options.Value.MaxFormBytes, cancellationToken);
            if (fields is null)
            {
                return pages.Error(refusal!.Status, "That did not work", refusal.Message);
            }

            var wanted = fields["action"] == "leave-all" ? new HashSet<string>() : fields.All("newsletter").ToHashSet(StringComparer.Ordinal);
            var outcome = await subscriptions.UpdatePreferencesAsync(subscriber, wanted, fields["action"] == "leave-all" ? subscriber.Name : fields["name"], ipHasher.Hash(clients.Of(context)), cancellationToken);
            saved = outcome switch
            {
                ChangeOutcome.NotAllowed => "Mail to this address bounced or was reported, so we cannot switch newsletters on. Subscribe again from a newsletter's page to confirm the address works.",
                _ when wanted.Count == 0 => "You left every newsletter. You will receive nothing more from us.",
                _ => "Saved.",
            };
        }

        return pages.Page(200, View(subscriber, token, saved));
    }

    private PageView View(Subscriber subscriber, string token, string? saved) => new("Your newsletters", saved ?? "Choose what you receive.")
    {
        Detail = $"For {EmailAddresses.Mask(subscriber.Email)}.",
        Forms =
        [
            new PageForm(SiteLinks.WithToken(Routes.Preferences, token), "Save",
            [
                .. herald.Value.Newsletters.Select(n => new PageInput("checkbox", "newsletter", n.Id, n.Title, subscriber.StatusFor(n.Id) == SubscriberStatus.Active)),
                new PageInput("text", "name", subscriber.Name ?? "", "Your name (optional)"),
            ]),
            new PageForm(SiteLinks.WithToken(Routes.Preferences, token), "Leave all newsletters", [new PageInput("hidden", "action", "leave-all")], Secondary: true),
        ],
        Links =
        [
            new PageLink(SiteLinks.WithToken(Routes.ExportData, token), "Download my data (JSON)"),
            new PageLink(SiteLinks.WithToken(Routes.EraseData, token), "Erase my data"),
        ],
    };
}
