using Herald.Links;
using Herald.Site.Handlers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Herald.Functions.Http;

/// <summary>SendGrid Inbound Parse: subscribe, unsubscribe and help by email.</summary>
public sealed class InboundEmail(InboundEmailHandler handler)
{
    [Function(nameof(InboundEmail))]
    public async Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.InboundEmail)] HttpRequest request, CancellationToken cancellationToken)
    {
        return new HandlerResult(await handler.HandleAsync(request.HttpContext, cancellationToken));
    }
}
