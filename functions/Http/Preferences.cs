using Herald.Links;
using Herald.Site;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Herald.Functions.Http;

/// <summary>A subscriber's own page: what they receive, and the way out.</summary>
public sealed class Preferences(SubscriptionPages pages)
{
    [Function(nameof(Preferences))]
    public async Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Preferences)] HttpRequest request, CancellationToken cancellationToken) =>
        (await pages.PreferencesAsync(request.Query["token"], cancellationToken)).ToActionResult();
}
