using Herald.Links;
using Herald.Site.Handlers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Herald.Functions.Http;

/// <summary>Takes a sign-up (form or JSON) and queues it; the confirmation goes out from the queue.</summary>
public sealed class Subscribe(SubscribeHandler handler)
{
    [Function(nameof(Subscribe))]
    public async Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Subscribe)] HttpRequest request, CancellationToken cancellationToken)
    {
        return new HandlerResult(await handler.HandleAsync(request.HttpContext, cancellationToken));
    }
}
