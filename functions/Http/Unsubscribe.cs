using Herald.Links;
using Herald.Site;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Herald.Functions.Http;

/// <summary>
/// GET shows a confirmation button (link scanners must not unsubscribe anyone); POST unsubscribes, which is
/// also what mail clients send for RFC 8058 one-click unsubscribe to the List-Unsubscribe URL.
/// </summary>
public sealed class Unsubscribe(SubscriptionPages pages)
{
    [Function(nameof(Unsubscribe))]
    public async Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = Routes.Unsubscribe)] HttpRequest request, CancellationToken cancellationToken) =>
        HttpMethods.IsPost(request.Method)
            ? (await pages.UnsubscribeAsync(request.Query["token"], cancellationToken)).ToActionResult()
            : pages.UnsubscribeForm(request.Query["token"]).ToActionResult();
}
