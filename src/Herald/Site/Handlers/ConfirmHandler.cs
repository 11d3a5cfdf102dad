using Herald.Configuration;
using Herald.Links;
using Herald.Site.Http;
using Herald.Site.Pages;
using Herald.Subscribers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Herald.Site.Handlers;

/// <summary>
/// GET /api/confirm?token=: one button, nothing changes (mail scanners open links, and an opened link must not
/// subscribe anyone). POST: confirms the request the link was sent for, once.
/// </summary>
public sealed class ConfirmHandler(ConfirmationService confirmations, IOptions<HeraldOptions> herald, SubscriberTokens tokens, OriginPolicy origins, ClientAddress clients, ClientIpHasher ipHasher, SitePages pages) : ISiteHandler
{
    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var token = context.Request.Query["token"].ToString();
        if (tokens.Verify(token, TokenPurpose.Confirm) is not { } verified)
        {
            return pages.Error(400, "This link does not work", "It may have expired (confirm links last 7 days) or been cut short. Subscribe again to get a new one.");
        }

        var newsletter = herald.Value.FindNewsletter(verified.NewsletterId)!;
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            return pages.Page(200, new PageView($"Confirm your subscription to {newsletter.Title}", "Press the button to start receiving it.")
            {
                Forms = [new PageForm(SiteLinks.WithToken(Routes.Confirm, token), "Confirm subscription", [])],
            });
        }

        if (!origins.Allows(context.Request))
        {
            return pages.Error(403, "Not from this site", "Confirm from the page the link in your email opens.");
        }

        return await confirmations.ConfirmAsync(token, ipHasher.Hash(clients.Of(context)), cancellationToken) switch
        {
            ChangeOutcome.Done or ChangeOutcome.AlreadyDone => pages.Page(200, new PageView("You are subscribed", $"Thank you. The next edition of {newsletter.Title} will reach your inbox.")),
            _ => pages.Error(400, "This link no longer works", "It belongs to an earlier request, or you left the newsletter since. Subscribe again to get a new link."),
        };
    }
}
