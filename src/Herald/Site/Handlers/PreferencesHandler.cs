using Herald.Configuration;
using Herald.Editions.Scheduling;
using Herald.Links;
using Herald.Mail;
using Herald.Site.Http;
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
    PreferencesService preferences,
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
        if (await preferences.FindByTokenAsync(token, TokenPurpose.Preferences, cancellationToken) is not var (subscriber, _))
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

            var leaving = fields["action"] == "leave-all";
            if (!TryReadTimeZone(leaving ? null : fields.All("timeZone").FirstOrDefault()?.Trim(), subscriber, out var timeZone))
            {
                return pages.Error(400, "That did not work", "Choose your time zone from the list.");
            }

            var wanted = leaving ? new HashSet<string>() : fields.All("newsletter").ToHashSet(StringComparer.Ordinal);
            var outcome = await preferences.UpdateAsync(subscriber, wanted, leaving ? subscriber.Name : fields["name"], timeZone, ipHasher.Hash(clients.Of(context)), cancellationToken);
            saved = outcome switch
            {
                ChangeOutcome.NotAllowed => "Mail to this address bounced or was reported, so we cannot switch newsletters on. Subscribe again from a newsletter's page to confirm the address works.",
                _ when wanted.Count == 0 => "You left every newsletter. You will receive nothing more from us.",
                _ => "Saved.",
            };
        }

        return pages.Page(200, View(subscriber, token, saved));
    }

    /// <summary>
    /// The time zone the form asks for: absent keeps the reader's, empty means each newsletter's own, anything else
    /// must be a zone of the list the page offers.
    /// </summary>
    private static bool TryReadTimeZone(string? field, Subscriber subscriber, out string? timeZone)
    {
        timeZone = field switch
        {
            null => subscriber.TimeZone,
            "" => null,
            _ => field,
        };
        return timeZone is null || ReaderMorning.Zones.Contains(timeZone, StringComparer.Ordinal);
    }

    /// <summary>The time zone choice, when some newsletter goes out in each reader's morning.</summary>
    private PageInput[] TimeZoneChoice(Subscriber subscriber)
    {
        if (herald.Value.Newsletters.FirstOrDefault(ReaderMorning.Applies) is not { } morning)
        {
            return [];
        }

        return
        [
            new PageInput("select", "timeZone", subscriber.TimeZone ?? "", $"Your time zone: {morning.Title} arrives at {morning.ReaderTime} your time")
            {
                Options = [new PageOption("", $"The newsletter's own ({morning.TimeZone})"), .. ReaderMorning.Zones.Select(z => new PageOption(z, z.Replace('_', ' ')))],
            },
        ];
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
                .. TimeZoneChoice(subscriber),
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
