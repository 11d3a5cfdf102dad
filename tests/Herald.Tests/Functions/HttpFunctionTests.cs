using System.Security.Cryptography;
using System.Text;
using Herald.Functions.Http;
using Herald.Mail;
using Herald.Subscribers;
using Herald.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Primitives;

namespace Herald.Tests.Functions;

/// <summary>The HTTP function classes called as the host calls them, with Herald's real services and Azurite behind them.</summary>
public class HttpFunctionTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Subscribing_sends_a_confirmation_and_confirming_activates()
    {
        await using var herald = await TestHerald.StartAsync(azurite);

        var page = Page(await herald.Create<Subscribe>().Run(FormPost(("newsletter", "white-house-watch"), ("email", "new.reader@example.com")), Ct));
        Assert.Equal(200, page.StatusCode);
        Assert.Contains("Check your inbox", page.Content, StringComparison.Ordinal);

        var subscriber = await herald.Get<SubscriberStore>().GetAsync(EmailAddresses.IdOf("new.reader@example.com"), Ct);
        Assert.Equal(SubscriberStatus.Pending, subscriber!.StatusFor("white-house-watch"));
        var confirmation = Directory.GetFiles(Path.Combine(herald.Outbox, "white-house-watch", "confirmations"), "*.eml").Single();
        using var message = await MimeKit.MimeMessage.LoadAsync(confirmation, Ct);
        var link = message.TextBody!.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("http://localhost:7071/api/confirm?token=", StringComparison.Ordinal));

        var confirmed = Page(await herald.Create<Confirm>().Run(Get(new Uri(link).Query), Ct));

        Assert.Equal(200, confirmed.StatusCode);
        Assert.Contains("You are subscribed", confirmed.Content, StringComparison.Ordinal);
        Assert.Equal(SubscriberStatus.Active, (await herald.Get<SubscriberStore>().GetAsync(subscriber.Id, Ct))!.StatusFor("white-house-watch"));
    }

    [Theory]
    [InlineData("not-an-address")]
    [InlineData("two@example.com, three@example.com")]
    [InlineData("Eve <eve@example.com>")]
    [InlineData("")]
    public async Task A_bad_address_is_refused_with_400_and_stores_nothing(string email)
    {
        await using var herald = await TestHerald.StartAsync(azurite);

        var page = Page(await herald.Create<Subscribe>().Run(FormPost(("newsletter", "white-house-watch"), ("email", email)), Ct));

        Assert.Equal(400, page.StatusCode);
        var count = 0;
        await foreach (var _ in herald.Get<SubscriberStore>().ListAsync("white-house-watch", null, Ct))
        {
            count++;
        }

        Assert.Equal(0, count);
    }

    [Fact]
    public async Task Subscribe_refuses_a_body_that_is_not_a_form()
    {
        await using var herald = await TestHerald.StartAsync(azurite);
        var request = new DefaultHttpContext().Request;
        request.Method = "POST";
        request.ContentType = "application/json";
        request.Body = new MemoryStream(Encoding.UTF8.GetBytes("{\"email\":\"a@example.com\"}"));

        var result = await herald.Create<Subscribe>().Run(request, Ct);

        Assert.Equal(415, Assert.IsType<StatusCodeResult>(result).StatusCode);
    }

    [Fact]
    public async Task Unsubscribe_link_shows_a_button_and_only_the_post_unsubscribes()
    {
        await using var herald = await TestHerald.StartAsync(azurite);
        var (subscriber, _) = await herald.Get<SubscriptionService>().AddConfirmedAsync("white-house-watch", "leaving@example.com", "test", Ct);
        var token = herald.Get<SubscriberTokens>().Create(TokenPurpose.Unsubscribe, "white-house-watch", subscriber!.Id);
        var function = herald.Create<Unsubscribe>();

        var form = Page(await function.Run(Get("?token=" + Uri.EscapeDataString(token)), Ct));
        Assert.Contains("<form method=\"post\"", form.Content, StringComparison.Ordinal);
        Assert.Equal(SubscriberStatus.Active, (await herald.Get<SubscriberStore>().GetAsync(subscriber.Id, Ct))!.StatusFor("white-house-watch"));

        // RFC 8058 one-click: the mail client POSTs "List-Unsubscribe=One-Click" to the List-Unsubscribe URL.
        var done = Page(await function.Run(FormPost("?token=" + Uri.EscapeDataString(token), ("List-Unsubscribe", "One-Click")), Ct));
        Assert.Equal(200, done.StatusCode);
        Assert.Equal(SubscriberStatus.Unsubscribed, (await herald.Get<SubscriberStore>().GetAsync(subscriber.Id, Ct))!.StatusFor("white-house-watch"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("eyJ4IjoxfQ.AAAA")]
    public async Task A_forged_or_broken_token_changes_nothing(string token)
    {
        await using var herald = await TestHerald.StartAsync(azurite);

        Assert.Equal(400, Page(await herald.Create<Unsubscribe>().Run(FormPost("?token=" + Uri.EscapeDataString(token)), Ct)).StatusCode);
        Assert.Equal(400, Page(await herald.Create<Confirm>().Run(Get("?token=" + Uri.EscapeDataString(token)), Ct)).StatusCode);
        Assert.Equal(400, Page(await herald.Create<Preferences>().Run(Get("?token=" + Uri.EscapeDataString(token)), Ct)).StatusCode);
    }

    [Fact]
    public async Task A_token_for_one_purpose_does_not_work_for_another()
    {
        await using var herald = await TestHerald.StartAsync(azurite);
        var (subscriber, _) = await herald.Get<SubscriptionService>().AddConfirmedAsync("white-house-watch", "reader@example.com", "test", Ct);
        var preferences = herald.Get<SubscriberTokens>().Create(TokenPurpose.Preferences, "white-house-watch", subscriber!.Id);

        var page = Page(await herald.Create<Unsubscribe>().Run(FormPost("?token=" + Uri.EscapeDataString(preferences)), Ct));

        Assert.Equal(400, page.StatusCode);
        Assert.Equal(SubscriberStatus.Active, (await herald.Get<SubscriberStore>().GetAsync(subscriber.Id, Ct))!.StatusFor("white-house-watch"));
    }

    [Fact]
    public async Task Preferences_shows_the_masked_address_and_the_way_out()
    {
        await using var herald = await TestHerald.StartAsync(azurite);
        var (subscriber, _) = await herald.Get<SubscriptionService>().AddConfirmedAsync("white-house-watch", "private.person@example.com", "test", Ct);
        var token = herald.Get<SubscriberTokens>().Create(TokenPurpose.Preferences, "white-house-watch", subscriber!.Id);

        var page = Page(await herald.Create<Preferences>().Run(Get("?token=" + Uri.EscapeDataString(token)), Ct));

        Assert.Equal(200, page.StatusCode);
        Assert.Contains("p***@example.com", page.Content, StringComparison.Ordinal);
        Assert.DoesNotContain("private.person", page.Content, StringComparison.Ordinal);
        Assert.Contains("/api/unsubscribe?token=", page.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subscribe_page_has_a_form_and_an_unknown_newsletter_is_404()
    {
        await using var herald = await TestHerald.StartAsync(azurite);
        var function = herald.Create<SubscribePage>();

        var page = Page(function.Run(Get(""), "white-house-watch"));
        Assert.Equal(200, page.StatusCode);
        Assert.Contains("action=\"/api/subscribe\"", page.Content, StringComparison.Ordinal);
        Assert.Contains("name=\"newsletter\" value=\"white-house-watch\"", page.Content, StringComparison.Ordinal);

        Assert.Equal(404, Page(function.Run(Get(""), "<script>alert(1)</script>")).StatusCode);
    }

    [Fact]
    public async Task Archive_serves_a_built_edition_without_personal_links()
    {
        await using var herald = await TestHerald.StartAsync(azurite);
        await new Herald.Cli.Local.LocalPipeline(herald.Host).RunAsync(Ct);
        var archive = herald.Create<Archive>();

        var page = Page(await archive.Run(Get(""), "white-house-watch", "2026-11-25", Ct));

        Assert.Equal(200, page.StatusCode);
        Assert.Contains("White House Watch", page.Content, StringComparison.Ordinal);
        Assert.DoesNotContain("HERALD-PERSONAL", page.Content, StringComparison.Ordinal);
        Assert.DoesNotContain("token=", page.Content, StringComparison.Ordinal);
        Assert.IsType<NotFoundResult>(await archive.Run(Get(""), "white-house-watch", "2026-11-24", Ct));
        Assert.IsType<NotFoundResult>(await archive.Run(Get(""), "white-house-watch", "../../etc/passwd", Ct));
        Assert.IsType<NotFoundResult>(await archive.Run(Get(""), "nope", "2026-11-25", Ct));
    }

    [Fact]
    public async Task SendGrid_events_are_refused_until_a_key_is_configured_and_unless_signed()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var publicKey = Convert.ToBase64String(key.ExportSubjectPublicKeyInfo());
        await using var unconfigured = await TestHerald.StartAsync(azurite);
        await using var herald = await TestHerald.StartAsync(azurite, new Dictionary<string, string?> { ["Delivery:SendGridWebhookPublicKey"] = publicKey });
        const string body = "[]";
        var (signature, timestamp) = Sign(key, body);

        Assert.IsType<UnauthorizedResult>(await unconfigured.Create<SendGridEvents>().Run(Webhook(body, signature, timestamp), Ct));
        Assert.IsType<UnauthorizedResult>(await herald.Create<SendGridEvents>().Run(Webhook(body, null, null), Ct));
        Assert.IsType<UnauthorizedResult>(await herald.Create<SendGridEvents>().Run(Webhook("[{}]", signature, timestamp), Ct));
        Assert.IsType<OkResult>(await herald.Create<SendGridEvents>().Run(Webhook(body, signature, timestamp), Ct));
    }

    [Fact]
    public async Task A_signed_bounce_suppresses_the_subscriber()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await using var herald = await TestHerald.StartAsync(azurite, new Dictionary<string, string?> { ["Delivery:SendGridWebhookPublicKey"] = Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()) });
        var (bouncing, _) = await herald.Get<SubscriptionService>().AddConfirmedAsync("white-house-watch", "gone@example.com", "test", Ct);
        var (blocked, _) = await herald.Get<SubscriptionService>().AddConfirmedAsync("white-house-watch", "blocked@example.com", "test", Ct);
        var body = $$"""
            [{"email":"gone@example.com","event":"bounce","type":"bounce","herald_newsletter":"white-house-watch","herald_subscriber":"{{bouncing!.Id}}"},
             {"email":"blocked@example.com","event":"bounce","type":"blocked","herald_newsletter":"white-house-watch","herald_subscriber":"{{blocked!.Id}}"},
             {"email":"x@example.com","event":"delivered"}]
            """;
        var (signature, timestamp) = Sign(key, body);

        Assert.IsType<OkResult>(await herald.Create<SendGridEvents>().Run(Webhook(body, signature, timestamp), Ct));

        Assert.Equal(SubscriberStatus.Suppressed, (await herald.Get<SubscriberStore>().GetAsync(bouncing.Id, Ct))!.StatusFor("white-house-watch"));
        Assert.Equal(SubscriberStatus.Active, (await herald.Get<SubscriberStore>().GetAsync(blocked.Id, Ct))!.StatusFor("white-house-watch"));
    }

    private static ContentResult Page(IActionResult result) => Assert.IsType<ContentResult>(result);

    private static HttpRequest Get(string query)
    {
        var request = new DefaultHttpContext().Request;
        request.Method = "GET";
        request.QueryString = new QueryString(query.Length == 0 || query.StartsWith('?') ? query : "?" + query);
        return request;
    }

    private static HttpRequest FormPost(params (string Name, string Value)[] fields) => FormPost("", fields);

    private static HttpRequest FormPost(string query, params (string Name, string Value)[] fields)
    {
        var request = new DefaultHttpContext().Request;
        request.Method = "POST";
        request.QueryString = new QueryString(query);
        request.ContentType = "application/x-www-form-urlencoded";
        var body = string.Join('&', fields.Select(f => Uri.EscapeDataString(f.Name) + "=" + Uri.EscapeDataString(f.Value)));
        request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        request.ContentLength = request.Body.Length;
        return request;
    }

    private static HttpRequest Webhook(string body, string? signature, string? timestamp)
    {
        var request = new DefaultHttpContext().Request;
        request.Method = "POST";
        request.ContentType = "application/json";
        request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        if (signature is not null)
        {
            request.Headers["X-Twilio-Email-Event-Webhook-Signature"] = new StringValues(signature);
            request.Headers["X-Twilio-Email-Event-Webhook-Timestamp"] = new StringValues(timestamp);
        }

        return request;
    }

    /// <summary>Signs as SendGrid does: ECDSA P-256 with SHA-256 over timestamp + body, DER-encoded, base64.</summary>
    private static (string Signature, string Timestamp) Sign(ECDsa key, string body)
    {
        var timestamp = "1764064800";
        var signature = key.SignData(Encoding.UTF8.GetBytes(timestamp + body), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return (Convert.ToBase64String(signature), timestamp);
    }
}
