using System.Net;
using System.Text.Json;
using Herald.Functions.Tests.Infrastructure;
using Herald.Subscribers;
using Herald.Testing;

namespace Herald.Functions.Tests.Triggers;

/// <summary>
/// The reader's own pages through the worker: the preferences page and its form, the data download and the erase
/// button, each reached by the preferences token a digest carries, each refusing a token of another purpose.
/// </summary>
public sealed class ReaderPagesTests(AzuriteFixture azurite, PublishedApp app)
{
    private const string Newsletter = "white-house-watch";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_reader_changes_their_name_downloads_their_data_and_erases_it()
    {
        await using var deployment = await Deployment.StartAsync(azurite, app, cancellationToken: Ct);
        var worker = deployment.Worker;
        var (reader, _) = await deployment.Get<SubscriberImports>().AddConfirmedAsync(Newsletter, "page.reader@example.com", "test", Ct, name: "Page");
        var tokens = deployment.Get<SubscriberTokens>();
        var token = Uri.EscapeDataString(tokens.Create(TokenPurpose.Preferences, Newsletter, reader!.Id));
        var unsubscribeToken = Uri.EscapeDataString(tokens.Create(TokenPurpose.Unsubscribe, Newsletter, reader.Id));

        var page = await worker.InvokeHttpAsync("Preferences", new HttpRequestMessage(HttpMethod.Get, "/api/preferences?token=" + token), Ct);
        Assert.True(page.Invocation.Succeeded, page.Invocation.ToString());
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("value=\"Page\"", page.Body, StringComparison.Ordinal);
        Assert.Contains($"value=\"{Newsletter}\" checked", page.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("page.reader@example.com", page.Body, StringComparison.Ordinal); // the address is shown masked

        var wrongPurpose = await worker.InvokeHttpAsync("Preferences", new HttpRequestMessage(HttpMethod.Get, "/api/preferences?token=" + unsubscribeToken), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, wrongPurpose.Status);

        // A cross-site post is refused; the site's own page posting (Sec-Fetch-Site: same-origin) saves.
        var crossSite = Form("/api/preferences?token=" + token, ("newsletter", Newsletter), ("name", "Mallory"));
        crossSite.Headers.Remove("Sec-Fetch-Site");
        crossSite.Headers.Add("Sec-Fetch-Site", "cross-site");
        crossSite.Headers.Add("Origin", "https://attacker.example");
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.InvokeHttpAsync("Preferences", crossSite, Ct)).Status);
        var saved = await worker.InvokeHttpAsync("Preferences", Form("/api/preferences?token=" + token, ("newsletter", Newsletter), ("name", "Paige")), Ct);
        Assert.True(saved.Invocation.Succeeded, saved.Invocation.ToString());
        Assert.Equal(HttpStatusCode.OK, saved.Status);
        Assert.Contains("Saved.", saved.Body, StringComparison.Ordinal);
        var stored = await deployment.Get<SubscriberStore>().GetAsync(reader.Id, Ct);
        Assert.Equal("Paige", stored!.Name);
        Assert.Equal(SubscriberStatus.Active, stored.StatusFor(Newsletter));

        var export = await worker.InvokeHttpAsync("ExportData", new HttpRequestMessage(HttpMethod.Get, "/api/privacy/export?token=" + token), Ct);
        Assert.True(export.Invocation.Succeeded, export.Invocation.ToString());
        Assert.Equal(HttpStatusCode.OK, export.Status);
        Assert.Equal("herald-my-data.json", export.ContentHeaders.ContentDisposition?.FileNameStar ?? export.ContentHeaders.ContentDisposition?.FileName?.Trim('"'));
        using (var data = JsonDocument.Parse(export.Body))
        {
            Assert.Equal("page.reader@example.com", data.RootElement.GetProperty("email").GetString());
            Assert.Equal("Paige", data.RootElement.GetProperty("name").GetString());
            Assert.Equal("Active", data.RootElement.GetProperty("subscriptions").GetProperty(Newsletter).GetProperty("status").GetString());
        }

        var erasePage = await worker.InvokeHttpAsync("EraseData", new HttpRequestMessage(HttpMethod.Get, "/api/privacy/erase?token=" + token), Ct);
        Assert.Equal(HttpStatusCode.OK, erasePage.Status);
        Assert.Contains("<form method=\"post\"", erasePage.Body, StringComparison.Ordinal);
        Assert.NotNull(await deployment.Get<SubscriberStore>().GetAsync(reader.Id, Ct)); // opening the page erases nothing

        var erased = await worker.InvokeHttpAsync("EraseData", Form("/api/privacy/erase?token=" + token), Ct);
        Assert.True(erased.Invocation.Succeeded, erased.Invocation.ToString());
        Assert.Equal(HttpStatusCode.OK, erased.Status);
        Assert.Contains("Your data is erased", erased.Body, StringComparison.Ordinal);
        Assert.Null(await deployment.Get<SubscriberStore>().GetAsync(reader.Id, Ct));

        var afterwards = await worker.InvokeHttpAsync("ExportData", new HttpRequestMessage(HttpMethod.Get, "/api/privacy/export?token=" + token), Ct);
        Assert.Equal(HttpStatusCode.NotFound, afterwards.Status);
    }

    /// <summary>A form the site's own page posts, as a browser sends it through the front end.</summary>
    private static HttpRequestMessage Form(string pathAndQuery, params (string Name, string Value)[] fields)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, pathAndQuery) { Content = new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value))) };
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
        return request;
    }
}
