using Herald.Configuration;
using Herald.Mail;
using Herald.Queues;
using Herald.Site.Http;
using Herald.Site.Pages;
using Herald.Subscribers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Herald.Site.Handlers;

/// <summary>
/// POST /api/subscribe (a form, or JSON {"newsletter", "email", "name"}): checks the request and queues the sign-up.
/// The answer is the same, and as quick, whatever the address's history: the store is not consulted here and the
/// confirmation goes out from the queue. A filled-in trap field gets the same answer and does nothing.
/// </summary>
public sealed class SubscribeHandler(
    IOptions<HeraldOptions> herald,
    SignUpQueue queue,
    SignUpLimits limits,
    OriginPolicy origins,
    ClientAddress clients,
    ClientIpHasher ipHasher,
    SitePages pages,
    IOptions<SiteOptions> options,
    TimeProvider time) : ISiteHandler
{
    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var wantsJson = request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true || request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase);
        if (!origins.Allows(request))
        {
            return Refuse(403, "Not from this site", "This form can only be sent from the newsletter's own pages.");
        }

        var client = clients.Of(context);
        if (limits.ForClient(client) is { } wait)
        {
            return SiteResults.WithRetryAfter(Refuse(429, "Too many sign-ups", "Too many sign-ups from your network just now. Please try again in a little while."), wait);
        }

        var (fields, refusal) = await RequestReader.ReadFieldsAsync(request, options.Value.MaxFormBytes, cancellationToken);
        if (fields is null)
        {
            return Refuse(refusal!.Status, "That did not work", refusal.Message);
        }

        wantsJson |= fields.IsJson;
        var newsletter = herald.Value.FindNewsletter(fields["newsletter"]);
        if (newsletter is null)
        {
            return Refuse(404, "Newsletter not found", "There is no such newsletter; check the form's address.");
        }

        if (fields[SubscribePageHandler.TrapField] is not null)
        {
            return Accepted();
        }

        if (EmailAddresses.Parse(fields["email"]) is not var (address, _))
        {
            return EmailAddresses.MixedScriptDomain(fields["email"]) is { } mixed
                ? Refuse(400, "That address does not look right", $"The address's domain mixes letters of different alphabets ({string.Join(" and ", mixed.Scripts)} in \"{mixed.Label}\"), as look-alikes of other domains do; enter it in one alphabet.")
                : Refuse(400, "That address does not look right", "Enter one email address, such as name@example.com.");
        }

        if (limits.ForAddress(address) is { } addressWait)
        {
            return SiteResults.WithRetryAfter(Refuse(429, "Too many sign-ups", "This address was signed up several times just now. Please check your inbox, or try again later."), addressWait);
        }

        var name = fields["name"];
        await queue.EnqueueAsync(new SignUpRequest(newsletter.Id, address, name is { Length: <= 200 } ? name : null, fields.IsJson ? "api" : "form", ipHasher.Hash(client), time.GetUtcNow(), Guid.NewGuid().ToString("N")), cancellationToken);
        return Accepted();

        IResult Accepted() => wantsJson
            ? SiteResults.Json(202, new { status = "pending", message = "If the address can receive mail, a confirmation link is on its way to it." })
            : pages.Page(200, new PageView("Check your inbox", "We sent you an email with a link. Click it, then press the button on the page it opens, to confirm your subscription."));

        IResult Refuse(int status, string title, string message) => wantsJson ? SiteResults.JsonError(status, message) : pages.Error(status, title, message);
    }
}
