using Herald.Site.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;

namespace Herald.Functions.Http;

/// <summary>
/// The Functions app's one place for an exception escaping an HTTP function: logged and answered as "herald serve"
/// answers it (<see cref="SiteFaults"/>: a 500 with the site's headers), instead of the worker's bare 500. It sits
/// inside the ASP.NET Core integration's middleware, which writes the invocation's result to the response; queue and
/// timer functions are left alone, because their exceptions are what makes the host retry and poison a message.
/// </summary>
public sealed class SiteFaultMiddleware(ILogger<SiteFaultMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is not { } http)
        {
            await next(context);
            return;
        }

        try
        {
            await next(context);
        }
        catch (Exception ex) when (!http.Response.HasStarted && !http.RequestAborted.IsCancellationRequested)
        {
            SiteFaults.Log(logger, http, ex);
            context.GetInvocationResult().Value = new HandlerResult(SiteFaults.Answer());
        }
    }
}
