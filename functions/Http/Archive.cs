using Herald.Links;
using Herald.Site;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Herald.Functions.Http;

/// <summary>An edition's public web page ("view in browser").</summary>
public sealed class Archive(ArchivePages archive)
{
    [Function(nameof(Archive))]
    public async Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Archive)] HttpRequest request, string newsletter, string date, CancellationToken cancellationToken) =>
        await archive.GetAsync(newsletter, date, cancellationToken) is { } page ? page.ToActionResult() : new NotFoundResult();
}
