using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Herald.Site.Http;

/// <summary>
/// What both hosts do with an exception that escaped a handler: log it — its type, where it was thrown and the
/// route, never the query (tokens) nor the message (which may quote an address) — and answer a 500 that carries the
/// site's headers like every other answer. No input is meant to get here (HostileInputTests counts 5xx).
/// </summary>
public static class SiteFaults
{
    public static void Log(ILogger logger, HttpContext context, Exception exception) =>
        logger.LogError(
            "Unhandled {Error} thrown by {Where} answering {Method} {Route}; answered 500. {StackTrace}",
            exception.GetType().FullName,
            exception.TargetSite is { } site ? $"{site.DeclaringType?.FullName}.{site.Name}" : "unknown",
            context.Request.Method,
            context.Request.Path.Value,
            exception.StackTrace);

    /// <summary>The 500 answer: plain text, the security headers, no detail of the fault.</summary>
    public static IResult Answer() =>
        SiteResults.Text(500, "text/plain; charset=utf-8", "Something went wrong on our side and the request was not completed. Please try again later.");
}
