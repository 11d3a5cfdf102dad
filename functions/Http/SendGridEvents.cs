using Herald.Links;
using Herald.Site.Handlers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Herald.Functions.Http;

/// <summary>SendGrid's signed event webhook: bounces, complaints and unsubscribes, and the counts per edition.</summary>
public sealed class SendGridEvents(SendGridEventsHandler handler)
{
    [Function(nameof(SendGridEvents))]
    public async Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.SendGridEvents)] HttpRequest request, CancellationToken cancellationToken)
    {
        return new HandlerResult(await handler.HandleAsync(request.HttpContext, cancellationToken));
    }
}
