using Herald.Links;
using Herald.Site;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Herald.Functions.Http;

/// <summary>The link in the confirmation email.</summary>
public sealed class Confirm(SubscriptionPages pages)
{
    [Function(nameof(Confirm))]
    public async Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Confirm)] HttpRequest request, CancellationToken cancellationToken) =>
        (await pages.ConfirmAsync(request.Query["token"], cancellationToken)).ToActionResult();
}
