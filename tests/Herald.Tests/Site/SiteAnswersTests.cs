using System.Net;
using Herald.Site.Http;
using Herald.Storage;
using Herald.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Herald.Tests.Site;

/// <summary>
/// Every answer "herald serve" gives carries the site's headers — the framework's own 404, 405 and 414 and the 500
/// of a handler that threw included — and HEAD is answered wherever GET is.
/// </summary>
public class SiteAnswersTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("GET", "/api/no-such-route", 404)]
    [InlineData("GET", "/", 404)]
    [InlineData("PUT", "/api/subscribe", 405)]
    [InlineData("DELETE", "/api/confirm", 405)]
    [InlineData("GET", "/api/events/sendgrid", 405)]
    [InlineData("GET", "/api/confirm?token=LONG", 414)]
    public async Task The_frameworks_own_answers_carry_the_security_headers_and_a_sentence(string method, string path, int status)
    {
        await using var site = await TestSite.StartAsync(azurite);

        using var response = await site.SendAsync(new HttpMethod(method), path.Replace("LONG", new string('Q', 20_000), StringComparison.Ordinal));

        Assert.Equal(status, (int)response.StatusCode);
        AssertSecurityHeaders(response);
        Assert.NotEmpty(await response.Content.ReadAsStringAsync(Ct));
    }

    [Theory]
    [InlineData("/api/subscribe/white-house-watch")]
    [InlineData("/api/confirm?token=broken")]
    [InlineData("/api/archive/white-house-watch")]
    [InlineData("/api/archive/white-house-watch/feed")]
    public async Task HEAD_is_answered_wherever_GET_is_with_the_GETs_status_and_headers_and_no_body(string path)
    {
        await using var site = await TestSite.StartAsync(azurite);

        using var get = await site.SendAsync(HttpMethod.Get, path);
        using var head = await site.SendAsync(HttpMethod.Head, path);

        Assert.NotEqual(HttpStatusCode.MethodNotAllowed, head.StatusCode);
        Assert.Equal(get.StatusCode, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType, head.Content.Headers.ContentType);
        AssertSecurityHeaders(head);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync(Ct));
    }

    [Fact]
    public async Task A_handler_that_throws_is_a_logged_500_with_the_security_headers()
    {
        var logs = new LogRecorder();
        await using var site = await TestSite.StartAsync(azurite, services: s => s.AddSingleton<ILoggerProvider>(logs));
        using var first = await site.PostFormAsync("/api/subscribe", ("newsletter", "white-house-watch"), ("email", "first@example.com"));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        // Storage failing under the handler: the queue it writes to is gone (the store was created once, so nothing makes it again).
        await site.Herald.Get<HeraldStorage>().SignUpQueue.DeleteAsync(Ct);

        using var response = await site.PostFormAsync("/api/subscribe", ("newsletter", "white-house-watch"), ("email", "second@example.com"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        AssertSecurityHeaders(response);
        Assert.Contains("went wrong on our side", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var line = Assert.Single(logs.Lines, l => l.Category == typeof(SiteGuardMiddleware).FullName);
        Assert.Contains("Azure.RequestFailedException", line.Message, StringComparison.Ordinal);
        Assert.Contains("POST /api/subscribe", line.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("second@example.com", line.Message, StringComparison.Ordinal);
    }

    internal static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        Assert.Equal(SiteResults.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.NotNull(response.Headers.CacheControl);
    }
}
