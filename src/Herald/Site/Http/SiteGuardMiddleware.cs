using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace Herald.Site.Http;

/// <summary>
/// "herald serve"'s outermost middleware, so that no answer leaves without the site's headers: the framework's own
/// (routing's 404 and 405, a URL too long) get them and a sentence, and an exception escaping a handler becomes a
/// logged 500 with them (<see cref="SiteFaults"/>). Kestrel's request-line limit is raised above
/// <see cref="MaxUrlLength"/> so that the 414 for a long URL is answered here, with headers, not by Kestrel without;
/// likewise Kestrel reads header bytes as Latin-1 instead of refusing a non-ASCII one bare, and the 400 is said here.
/// </summary>
public sealed class SiteGuardMiddleware(RequestDelegate next, ILogger<SiteGuardMiddleware> logger)
{
    /// <summary>The longest path and query served; a signed link is a few hundred characters.</summary>
    public const int MaxUrlLength = 8 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        var response = context.Response;
        response.OnStarting(() =>
        {
            // The site's own results set these already (cacheable or not); anything else gets the strict set.
            if (!response.Headers.ContainsKey(HeaderNames.ContentSecurityPolicy))
            {
                SiteResults.AddSecurityHeaders(response, cacheable: false);
            }

            return Task.CompletedTask;
        });

        if (context.Request.Path.Value?.Length + context.Request.QueryString.Value?.Length > MaxUrlLength)
        {
            await Plain(414).ExecuteAsync(context);
            return;
        }

        if (HasNonAsciiHeader(context.Request.Headers))
        {
            await Plain(400, "A request header holds bytes that are not ASCII; header values here are ASCII.").ExecuteAsync(context);
            return;
        }

        try
        {
            await next(context);
        }
        catch (BadHttpRequestException ex) when (!response.HasStarted)
        {
            // Kestrel's word on a request it could not read (a body cut short, a bad chunk): a 4xx, not a fault.
            await Plain(ex.StatusCode).ExecuteAsync(context);
            return;
        }
        catch (Exception ex) when (!response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            SiteFaults.Log(logger, context, ex);
            response.Clear();
            await SiteFaults.Answer().ExecuteAsync(context);
            return;
        }

        if (!response.HasStarted && response.StatusCode >= 400)
        {
            await Plain(response.StatusCode).ExecuteAsync(context); // routing's 404 and 405 have no body
        }
    }

    /// <summary>Kestrel hands header bytes over as Latin-1 (see SiteServer), so a byte past 0x7F is a char past U+007F here.</summary>
    private static bool HasNonAsciiHeader(IHeaderDictionary headers)
    {
        foreach (var (_, values) in headers)
        {
            foreach (var value in values)
            {
                if (value is not null && !System.Text.Ascii.IsValid(value))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static IResult Plain(int status, string? message = null) =>
        SiteResults.Text(status, "text/plain; charset=utf-8", message ?? status switch
        {
            404 => "There is nothing at this address.",
            405 => "This address does not answer that method.",
            414 => $"The address is longer than the {MaxUrlLength} characters this site reads.",
            _ => ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase + "." : "The request was refused.",
        });
}
