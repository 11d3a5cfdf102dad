using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;

namespace Herald.Testing;

/// <summary>Requests as the Functions host hands them to a function class (a real HttpContext), and the answer it writes.</summary>
public static class HttpCall
{
    public static HttpRequest Get(IServiceProvider services, string query = "") => Request(services, "GET", query, null, null);

    public static HttpRequest FormPost(IServiceProvider services, string query, params (string Name, string Value)[] fields) =>
        Request(services, "POST", query, "application/x-www-form-urlencoded", string.Join('&', fields.Select(f => Uri.EscapeDataString(f.Name) + "=" + Uri.EscapeDataString(f.Value))));

    public static HttpRequest Request(IServiceProvider services, string method, string query, string? contentType, string? body)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = new MemoryStream();
        context.Connection.RemoteIpAddress = System.Net.IPAddress.Loopback;
        var request = context.Request;
        request.Method = method;
        request.QueryString = new QueryString(query.Length == 0 || query.StartsWith('?') ? query : "?" + query);
        if (body is not null)
        {
            request.ContentType = contentType;
            request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
            request.ContentLength = request.Body.Length;
        }

        return request;
    }

    /// <summary>Runs the function's result against the request's context and reads back what it wrote.</summary>
    public static async Task<HttpAnswer> AnswerAsync(HttpRequest request, IActionResult result)
    {
        await result.ExecuteResultAsync(new ActionContext(request.HttpContext, new RouteData(), new ActionDescriptor()));
        var response = request.HttpContext.Response;
        response.Body.Position = 0;
        return new HttpAnswer(response.StatusCode, response.Headers, await new StreamReader(response.Body).ReadToEndAsync());
    }
}
