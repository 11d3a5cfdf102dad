using Herald.Privacy;
using Herald.Site.Http;
using Herald.Site.Pages;
using Herald.Subscribers;
using Microsoft.AspNetCore.Http;

namespace Herald.Site.Handlers;

/// <summary>GET /api/privacy/export?token= (the preferences link's token): everything Herald holds about the reader, as a JSON download.</summary>
public sealed class ExportDataHandler(SubscriberTokens tokens, PersonalData data, SitePages pages) : ISiteHandler
{
    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (tokens.Verify(context.Request.Query["token"].ToString(), TokenPurpose.Preferences) is not { } verified)
        {
            return pages.Error(400, "This link does not work", "Use the preferences link of a recent email, then the download link on that page.");
        }

        return await data.ExportAsync(verified.SubscriberId, cancellationToken) is { } export
            ? SiteResults.Json(200, export, attachment: "herald-my-data.json")
            : pages.Error(404, "Nothing to export", "We hold no data for this address.");
    }
}
