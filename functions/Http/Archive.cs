using Herald.Links;
using Herald.Site.Handlers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Herald.Functions.Http;

/// <summary>An edition's public web page ("view in browser").</summary>
public sealed class Archive(ArchiveHandler handler)
{
    [Function(nameof(Archive))]
    public async Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Routes.Archive)] HttpRequest request, string newsletter, string edition, CancellationToken cancellationToken)
    {
        request.RouteValues["newsletter"] = newsletter;
        request.RouteValues["edition"] = edition;
        return new HandlerResult(await handler.HandleAsync(request.HttpContext, cancellationToken));
    }
}
