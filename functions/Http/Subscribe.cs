using Herald.Links;
using Herald.Site;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Herald.Functions.Http;

/// <summary>Takes the sign-up form (newsletter, email) and sends the double opt-in confirmation.</summary>
public sealed class Subscribe(SubscriptionPages pages)
{
    [Function(nameof(Subscribe))]
    public async Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Subscribe)] HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return new StatusCodeResult(StatusCodes.Status415UnsupportedMediaType);
        }

        var form = await request.ReadFormAsync(cancellationToken);
        return (await pages.SubscribeAsync(form["newsletter"], form["email"], cancellationToken)).ToActionResult();
    }
}
