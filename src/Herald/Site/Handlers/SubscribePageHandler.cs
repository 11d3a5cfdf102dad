using Herald.Configuration;
using Herald.Links;
using Herald.Site.Pages;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Herald.Site.Handlers;

/// <summary>GET /api/subscribe/{newsletter}: the sign-up form.</summary>
public sealed class SubscribePageHandler(IOptions<HeraldOptions> herald, SitePages pages) : ISiteHandler
{
    /// <summary>The form's hidden field that people never see and form-filling bots fill in.</summary>
    public const string TrapField = "website";

    public Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var newsletter = herald.Value.FindNewsletter(context.Request.RouteValues["newsletter"] as string);
        return Task.FromResult(newsletter is null
            ? pages.Error(404, "Newsletter not found", "There is no newsletter at this address.")
            : pages.Page(200, new PageView($"Subscribe to {newsletter.Title}", newsletter.Description)
            {
                Detail = "We will send you an email with a link; nothing arrives until you confirm.",
                Forms =
                [
                    new PageForm(Routes.PathOf(Routes.Subscribe), "Subscribe",
                    [
                        new PageInput("hidden", "newsletter", newsletter.Id),
                        new PageInput("email", "email", Label: "Email address"),
                        new PageInput("text", "name", Label: "Name (optional)"),
                        new PageInput("trap", TrapField, Label: "Leave this empty"),
                    ]),
                ],
            }));
    }
}
