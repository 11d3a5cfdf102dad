using Herald.Links;
using Herald.Site.Handlers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Herald.Functions.Http;

/// <summary>A newsletter's past editions.</summary>
public sealed class ArchiveIndex(ArchiveIndexHandler handler)
{
    [Function(nameof(ArchiveIndex))]
    public async Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Routes.ArchiveIndex)] HttpRequest request, string newsletter, CancellationToken cancellationToken)
    {
        request.RouteValues["newsletter"] = newsletter;
        return new HandlerResult(await handler.HandleAsync(request.HttpContext, cancellationToken));
    }
}
