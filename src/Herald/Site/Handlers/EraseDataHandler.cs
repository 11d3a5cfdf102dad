using Herald.Links;
using Herald.Privacy;
using Herald.Site.Http;
using Herald.Site.Pages;
using Herald.Subscribers;
using Microsoft.AspNetCore.Http;

namespace Herald.Site.Handlers;

/// <summary>GET /api/privacy/erase?token=: one button. POST erases the reader's data (a hash stays only if the address bounced or complained).</summary>
public sealed class EraseDataHandler(SubscriberTokens tokens, PersonalData data, OriginPolicy origins, SitePages pages) : ISiteHandler
{
    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var token = context.Request.Query["token"].ToString();
        if (tokens.Verify(token, TokenPurpose.Preferences) is not { } verified)
        {
            return pages.Error(400, "This link does not work", "Use the preferences link of a recent email, then the erase link on that page.");
        }

        if (!HttpMethods.IsPost(context.Request.Method))
        {
            return pages.Page(200, new PageView("Erase your data?", "Press the button and we delete your subscriptions, your consent records and the records of mail sent to you. This cannot be undone.")
            {
                Forms = [new PageForm(SiteLinks.WithToken(Routes.EraseData, token), "Erase my data", [])],
            });
        }

        if (!origins.Allows(context.Request))
        {
            return pages.Error(403, "Not from this site", "Erase your data from the page the link opens.");
        }

        var report = await data.EraseAsync(verified.SubscriberId, cancellationToken);
        return pages.Page(200, new PageView("Your data is erased", "We no longer hold your subscriptions or your consent records.")
        {
            Detail = report.SuppressionKept ? "Mail to this address bounced or was reported, so we keep a one-way hash of it: it stops us from mailing it again." : null,
        });
    }
}
