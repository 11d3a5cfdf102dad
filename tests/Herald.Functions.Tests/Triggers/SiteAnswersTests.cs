using System.Net;
using System.Text;
using Herald.Functions.Tests.Infrastructure;
using Herald.Storage;
using Herald.Testing;

namespace Herald.Functions.Tests.Triggers;

/// <summary>
/// The Functions app answers as "herald serve" does where strangers reach it: HEAD wherever GET is, a body that is
/// not valid text a 400, and an exception escaping a function a logged 500 with the site's headers (its middleware).
/// </summary>
public sealed class SiteAnswersTests(AzuriteFixture azurite, PublishedApp app)
{
    private const string Newsletter = "white-house-watch";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task HEAD_on_a_page_is_its_GET_without_the_body_and_bad_text_is_a_400_with_the_sites_headers()
    {
        await using var deployment = await Deployment.StartAsync(azurite, app, cancellationToken: Ct);

        var head = await deployment.Worker.InvokeHttpAsync("SubscribePage", new HttpRequestMessage(HttpMethod.Head, "/api/subscribe/" + Newsletter), Ct);
        Assert.True(head.Invocation.Succeeded, head.Invocation.ToString());
        Assert.Equal(HttpStatusCode.OK, head.Status);
        Assert.Equal("nosniff", head.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Empty(head.Body);

        var lone = new HttpRequestMessage(HttpMethod.Post, "/api/subscribe") { Content = new ByteArrayContent(Encoding.ASCII.GetBytes("""{"newsletter":"white-house-watch","email":"x@example.com","name":"\ud800"}""")) };
        lone.Content.Headers.ContentType = new("application/json");
        var refused = await deployment.Worker.InvokeHttpAsync("Subscribe", lone, Ct);
        Assert.True(refused.Invocation.Succeeded, refused.Invocation.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("lone surrogate", refused.Body, StringComparison.Ordinal);
        Assert.Equal("nosniff", refused.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task A_function_that_throws_is_a_logged_500_with_the_sites_headers()
    {
        await using var deployment = await Deployment.StartAsync(azurite, app, cancellationToken: Ct);
        var first = await deployment.Worker.InvokeHttpAsync("Subscribe", Form(("newsletter", Newsletter), ("email", "first@example.com")), Ct);
        Assert.Equal(HttpStatusCode.OK, first.Status);
        // Storage failing under the handler: the queue it writes to is gone, and the worker created its store once.
        await deployment.Get<HeraldStorage>().SignUpQueue.DeleteAsync(Ct);

        var failed = await deployment.Worker.InvokeHttpAsync("Subscribe", Form(("newsletter", Newsletter), ("email", "second@example.com")), Ct);

        Assert.Equal(HttpStatusCode.InternalServerError, failed.Status);
        Assert.Equal("nosniff", failed.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", failed.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("default-src 'none'", failed.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("went wrong on our side", failed.Body, StringComparison.Ordinal);
        var logged = Assert.Single(deployment.Worker.Logs, l => l.Category.EndsWith("SiteFaultMiddleware", StringComparison.Ordinal));
        Assert.Contains("Azure.RequestFailedException", logged.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("second@example.com", logged.Message, StringComparison.Ordinal);
    }

    private static HttpRequestMessage Form(params (string Name, string Value)[] fields)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/subscribe") { Content = new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value))) };
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        return request;
    }
}
