using Herald.Links;
using Herald.Site.Handlers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Herald.Functions.Http;

/// <summary>The unsubscribe link: GET shows a button, POST (and RFC 8058 one-click) unsubscribes.</summary>
public sealed class Unsubscribe(UnsubscribeHandler handler)
{
    [Function(nameof(Unsubscribe))]
    public async Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", Route = Routes.Unsubscribe)] HttpRequest request, CancellationToken cancellationToken)
    {
        return new HandlerResult(await handler.HandleAsync(request.HttpContext, cancellationToken));
    }
}
