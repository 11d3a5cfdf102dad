using System.Text;
using Microsoft.AspNetCore.Http;

namespace Herald.Site.Http;

/// <summary>
/// The site's responses, each with the security headers a page that handles personal links needs: no scripts or
/// outside assets (Content-Security-Policy), never framed, no referrer (a token in a URL must not leak), no caching
/// of pages that a token opened.
/// </summary>
public static class SiteResults
{
    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>Any other text document (an Atom feed), with the same headers.</summary>
    public static IResult Text(int status, string contentType, string body, bool cacheable = false) => new Response(status, contentType, Encoding.UTF8.GetBytes(body), cacheable, null);

    public static IResult Html(int status, string html, bool cacheable = false) => new Response(status, "text/html; charset=utf-8", Encoding.UTF8.GetBytes(html), cacheable, null);

    public static IResult Json(int status, object value, bool cacheable = false, string? attachment = null) =>
        new Response(status, "application/json; charset=utf-8", System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(value, Web), cacheable, attachment);

    /// <summary>A 429 that says when to come back.</summary>
    public static IResult WithRetryAfter(IResult result, TimeSpan retryAfter) => new RetryAfter(result, retryAfter);

    /// <summary>An error for an API caller: {"error": message}.</summary>
    public static IResult JsonError(int status, string message) => Json(status, new { error = message });

    private static readonly System.Text.Json.JsonSerializerOptions Web = new(System.Text.Json.JsonSerializerDefaults.Web);

    public static void AddSecurityHeaders(HttpResponse response, bool cacheable)
    {
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XFrameOptions = "DENY";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.CacheControl = cacheable ? "public, max-age=300" : "no-store";
    }

    private sealed class Response(int status, string contentType, byte[] body, bool cacheable, string? attachment) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => status;

        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = status;
            response.ContentType = contentType;
            response.ContentLength = body.Length;
            AddSecurityHeaders(response, cacheable);
            if (attachment is not null)
            {
                response.Headers.ContentDisposition = $"attachment; filename=\"{attachment}\"";
            }

            await response.Body.WriteAsync(body, httpContext.RequestAborted);
        }
    }

    private sealed class RetryAfter(IResult inner, TimeSpan wait) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => (inner as IStatusCodeHttpResult)?.StatusCode;

        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return inner.ExecuteAsync(httpContext);
        }
    }
}
