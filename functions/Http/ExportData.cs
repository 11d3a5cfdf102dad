using Herald.Links;
using Herald.Site.Handlers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Herald.Functions.Http;

/// <summary>A reader's data as JSON.</summary>
public sealed class ExportData(ExportDataHandler handler)
{
    [Function(nameof(ExportData))]
    public async Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Routes.ExportData)] HttpRequest request, CancellationToken cancellationToken)
    {
        return new HandlerResult(await handler.HandleAsync(request.HttpContext, cancellationToken));
    }
}
