using Microsoft.AspNetCore.Http;

namespace Herald.Site;

/// <summary>One route's handler: the Functions app's HTTP function and "herald serve" both call it, and nothing else.</summary>
public interface ISiteHandler
{
    Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken);
}
