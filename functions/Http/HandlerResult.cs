using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Herald.Functions.Http;

/// <summary>A site handler's result as the Functions host's ASP.NET Core integration runs it: written to the real response.</summary>
public sealed class HandlerResult(IResult result) : IActionResult
{
    public IResult Result => result;

    public Task ExecuteResultAsync(ActionContext context) => result.ExecuteAsync(context.HttpContext);
}
