using Herald.Links;
using Herald.Site.Handlers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Herald.Functions.Http;

/// <summary>The sign-up form of a newsletter.</summary>
public sealed class SubscribePage(SubscribePageHandler handler)
{
    [Function(nameof(SubscribePage))]
    public async Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Routes.SubscribePage)] HttpRequest request, string newsletter, CancellationToken cancellationToken)
    {
        request.RouteValues["newsletter"] = newsletter;
        return new HandlerResult(await handler.HandleAsync(request.HttpContext, cancellationToken));
    }
}
