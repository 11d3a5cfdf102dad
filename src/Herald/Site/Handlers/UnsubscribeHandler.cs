using Herald.Configuration;
using Herald.Delivery;
using Herald.Links;
using Herald.Site.Http;
using Herald.Site.Pages;
using Herald.Subscribers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Herald.Site.Handlers;

/// <summary>
/// GET /api/unsubscribe?token=: one button (link scanners must not unsubscribe anyone). POST unsubscribes, at once
/// and idempotently; it is also what mail clients send for RFC 8058 one-click unsubscribe to the List-Unsubscribe
/// URL ("List-Unsubscribe=One-Click", from their own servers, with no Origin).
/// </summary>
public sealed class UnsubscribeHandler(OptOutService optOuts, IOptions<HeraldOptions> herald, SubscriberTokens tokens, OriginPolicy origins, SitePages pages, DeliveryLedger ledger, IOptions<SiteOptions> options) : ISiteHandler
{
    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var token = context.Request.Query["token"].ToString();
        if (tokens.Verify(token, TokenPurpose.Unsubscribe) is not { } verified)
        {
            return pages.Error(400, "This link does not work", "Use the unsubscribe link of a recent email.");
        }

        var title = herald.Value.FindNewsletter(verified.NewsletterId)!.Title;
        var edition = EditionOf(context.Request, verified.NewsletterId);
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            var action = SiteLinks.WithToken(Routes.Unsubscribe, token) + (edition is null ? "" : "&edition=" + Uri.EscapeDataString(edition));
            return pages.Page(200, new PageView($"Unsubscribe from {title}?", "Press the button and you will receive no more editions.")
            {
                Forms = [new PageForm(action, "Unsubscribe", [])],
            });
        }

        if (!origins.Allows(context.Request))
        {
            return pages.Error(403, "Not from this site", "Unsubscribe from the page the link in your email opens.");
        }

        // The body (a one-click "List-Unsubscribe=One-Click", or nothing) says nothing the token does not: read within bounds, not used.
        var (_, refusal) = await RequestReader.ReadBytesAsync(context.Request, options.Value.MaxFormBytes, cancellationToken);
        if (refusal is not null)
        {
            return pages.Error(refusal.Status, "That did not work", refusal.Message);
        }

        var outcome = await optOuts.UnsubscribeAsync(token, cancellationToken);
        if (outcome == ChangeOutcome.Done && edition is not null)
        {
            // Counted once, by the request that did it: a second press, or a mail client's one-click after the page's, is AlreadyDone.
            await ledger.AddStatsAsync(edition, new EditionStatsRecord { Unsubscribed = 1 }, cancellationToken);
        }

        return outcome is ChangeOutcome.Done or ChangeOutcome.AlreadyDone
            ? pages.Page(200, new PageView("You are unsubscribed", $"You will receive no more editions of {title}."))
            : pages.Error(400, "This link does not work", "Use the unsubscribe link of a recent email.");
    }

    /// <summary>
    /// The edition the link came from ("white-house-watch-20261125-0600"), when it names one of the token's newsletter in
    /// the shape edition ids have; anything else is ignored (the link still unsubscribes).
    /// </summary>
    private static string? EditionOf(HttpRequest request, string newsletterId)
    {
        var edition = request.Query["edition"].ToString();
        return edition.Length is > 0 and <= 80 && edition.StartsWith(newsletterId + "-", StringComparison.Ordinal)
            && System.Text.RegularExpressions.Regex.IsMatch(edition[(newsletterId.Length + 1)..], "^[0-9]{8}-[0-9]{4}$")
            ? edition : null;
    }
}
