using Herald.Links;
using Herald.Site;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Herald.Functions.Http;

/// <summary>The sign-up form of a newsletter.</summary>
public sealed class SubscribePage(SubscriptionPages pages)
{
    [Function(nameof(SubscribePage))]
    public IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.SubscribePage)] HttpRequest request, string newsletter) =>
        pages.SubscribeForm(newsletter).ToActionResult();
}
