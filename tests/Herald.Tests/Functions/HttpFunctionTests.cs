using System.Security.Cryptography;
using Herald.Functions.Http;
using Herald.Local;
using Herald.Mail;
using Herald.Storage;
using Herald.Subscribers;
using Herald.Testing;

namespace Herald.Tests.Functions;

/// <summary>The HTTP function classes called as the host calls them, with Herald's real services and Azurite behind them.</summary>
public class HttpFunctionTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_sign_up_is_queued_confirmed_by_the_pages_post_and_not_by_opening_the_link()
    {
        await using var herald = await TestHerald.StartAsync(azurite);
        var subscribe = HttpCall.FormPost(herald.Services, "", ("newsletter", "white-house-watch"), ("email", "new.reader@example.com"));

        var page = await HttpCall.AnswerAsync(subscribe, await herald.Create<Subscribe>().Run(subscribe, Ct));
        Assert.Equal(200, page.Status);
        Assert.Contains("Check your inbox", page.Body, StringComparison.Ordinal);
        Assert.Null(await herald.Get<SubscriberStore>().GetAsync(EmailAddresses.IdOf("new.reader@example.com"), Ct)); // nothing stored while answering

        await SignUps.DrainAsync(herald);
        var subscriber = await herald.Get<SubscriberStore>().GetAsync(EmailAddresses.IdOf("new.reader@example.com"), Ct);
        Assert.Equal(SubscriberStatus.Pending, subscriber!.StatusFor("white-house-watch"));
        var confirmation = Directory.GetFiles(Path.Combine(herald.Outbox, "white-house-watch", "confirmations"), "*.eml").Single();
        using var message = await MimeKit.MimeMessage.LoadAsync(confirmation, Ct);
        var link = message.TextBody!.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("http://localhost:7071/api/confirm?token=", StringComparison.Ordinal));

        var opened = HttpCall.Get(herald.Services, new Uri(link).Query);
        var button = await HttpCall.AnswerAsync(opened, await herald.Create<Confirm>().Run(opened, Ct));
        Assert.Equal(200, button.Status);
        Assert.Contains("<form method=\"post\"", button.Body, StringComparison.Ordinal);
        Assert.Equal(SubscriberStatus.Pending, (await herald.Get<SubscriberStore>().GetAsync(subscriber.Id, Ct))!.StatusFor("white-house-watch"));

        var pressed = HttpCall.FormPost(herald.Services, new Uri(link).Query);
        var confirmed = await HttpCall.AnswerAsync(pressed, await herald.Create<Confirm>().Run(pressed, Ct));
        Assert.Equal(200, confirmed.Status);
        Assert.Contains("You are subscribed", confirmed.Body, StringComparison.Ordinal);
        Assert.Equal(SubscriberStatus.Active, (await herald.Get<SubscriberStore>().GetAsync(subscriber.Id, Ct))!.StatusFor("white-house-watch"));
        Assert.Equal("no-store", confirmed.Headers.CacheControl.ToString());
        Assert.Contains("frame-ancestors 'none'", confirmed.Headers.ContentSecurityPolicy.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-an-address")]
    [InlineData("two@example.com, three@example.com")]
    [InlineData("Eve <eve@example.com>")]
    [InlineData("")]
    public async Task A_bad_address_is_refused_with_400_and_queues_nothing(string email)
    {
        await using var herald = await TestHerald.StartAsync(azurite);
        var request = HttpCall.FormPost(herald.Services, "", ("newsletter", "white-house-watch"), ("email", email));

        var page = await HttpCall.AnswerAsync(request, await herald.Create<Subscribe>().Run(request, Ct));

        Assert.Equal(400, page.Status);
        await herald.Get<HeraldStorage>().EnsureCreatedAsync();
        Assert.Equal(0, (await herald.Get<HeraldStorage>().SignUpQueue.GetPropertiesAsync(Ct)).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task Subscribe_refuses_a_body_that_is_neither_a_form_nor_json()
    {
        await using var herald = await TestHerald.StartAsync(azurite);
        var request = HttpCall.Request(herald.Services, "POST", "", "text/plain", "email=a@example.com");

        var answer = await HttpCall.AnswerAsync(request, await herald.Create<Subscribe>().Run(request, Ct));

        Assert.Equal(415, answer.Status);
    }

    [Fact]
    public async Task Unsubscribe_link_shows_a_button_and_only_the_post_unsubscribes()
    {
        await using var herald = await TestHerald.StartAsync(azurite);
        var (subscriber, _) = await herald.Get<SubscriberImports>().AddConfirmedAsync("white-house-watch", "leaving@example.com", "test", Ct);
        var token = herald.Get<SubscriberTokens>().Create(TokenPurpose.Unsubscribe, "white-house-watch", subscriber!.Id);
        var function = herald.Create<Unsubscribe>();

        var get = HttpCall.Get(herald.Services, "?token=" + Uri.EscapeDataString(token));
        var form = await HttpCall.AnswerAsync(get, await function.Run(get, Ct));
        Assert.Contains("<form method=\"post\"", form.Body, StringComparison.Ordinal);
        Assert.Equal(SubscriberStatus.Active, (await herald.Get<SubscriberStore>().GetAsync(subscriber.Id, Ct))!.StatusFor("white-house-watch"));

        // RFC 8058 one-click: the mail client POSTs "List-Unsubscribe=One-Click" to the List-Unsubscribe URL.
        var post = HttpCall.FormPost(herald.Services, "?token=" + Uri.EscapeDataString(token), ("List-Unsubscribe", "One-Click"));
        var done = await HttpCall.AnswerAsync(post, await function.Run(post, Ct));
        Assert.Equal(200, done.Status);
        Assert.Equal(SubscriberStatus.Unsubscribed, (await herald.Get<SubscriberStore>().GetAsync(subscriber.Id, Ct))!.StatusFor("white-house-watch"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("eyJ4IjoxfQ.AAAA")]
    public async Task A_forged_or_broken_token_changes_nothing(string token)
    {
        await using var herald = await TestHerald.StartAsync(azurite);
        var query = "?token=" + Uri.EscapeDataString(token);

        var unsubscribe = HttpCall.FormPost(herald.Services, query);
        var confirm = HttpCall.Get(herald.Services, query);
        var preferences = HttpCall.Get(herald.Services, query);

        Assert.Equal(400, (await HttpCall.AnswerAsync(unsubscribe, await herald.Create<Unsubscribe>().Run(unsubscribe, Ct))).Status);
        Assert.Equal(400, (await HttpCall.AnswerAsync(confirm, await herald.Create<Confirm>().Run(confirm, Ct))).Status);
        Assert.Equal(400, (await HttpCall.AnswerAsync(preferences, await herald.Create<Preferences>().Run(preferences, Ct))).Status);
    }

    [Fact]
    public async Task A_token_for_one_purpose_does_not_work_for_another()
    {
        await using var herald = await TestHerald.StartAsync(azurite);
        var (subscriber, _) = await herald.Get<SubscriberImports>().AddConfirmedAsync("white-house-watch", "reader@example.com", "test", Ct);
        var preferences = herald.Get<SubscriberTokens>().Create(TokenPurpose.Preferences, "white-house-watch", subscriber!.Id);
        var request = HttpCall.FormPost(herald.Services, "?token=" + Uri.EscapeDataString(preferences));

        var page = await HttpCall.AnswerAsync(request, await herald.Create<Unsubscribe>().Run(request, Ct));

        Assert.Equal(400, page.Status);
        Assert.Equal(SubscriberStatus.Active, (await herald.Get<SubscriberStore>().GetAsync(subscriber.Id, Ct))!.StatusFor("white-house-watch"));
    }

    [Fact]
    public async Task Preferences_shows_the_masked_address_every_newsletter_and_the_readers_data()
    {
        await using var herald = await TestHerald.StartAsync(azurite);
        var (subscriber, _) = await herald.Get<SubscriberImports>().AddConfirmedAsync("white-house-watch", "private.person@example.com", "test", Ct);
        var token = herald.Get<SubscriberTokens>().Create(TokenPurpose.Preferences, "white-house-watch", subscriber!.Id);
        var request = HttpCall.Get(herald.Services, "?token=" + Uri.EscapeDataString(token));

        var page = await HttpCall.AnswerAsync(request, await herald.Create<Preferences>().Run(request, Ct));

        Assert.Equal(200, page.Status);
        Assert.Contains("p***@example.com", page.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("private.person", page.Body, StringComparison.Ordinal);
        Assert.Contains("value=\"white-house-watch\" checked", page.Body, StringComparison.Ordinal);
        Assert.Contains("/api/privacy/export?token=", page.Body, StringComparison.Ordinal);
        Assert.Contains("/api/privacy/erase?token=", page.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subscribe_page_has_a_form_and_an_unknown_newsletter_is_404()
    {
        await using var herald = await TestHerald.StartAsync(azurite);
        var function = herald.Create<SubscribePage>();

        var request = HttpCall.Get(herald.Services);
        var page = await HttpCall.AnswerAsync(request, await function.Run(request, "white-house-watch", Ct));
        Assert.Equal(200, page.Status);
        Assert.Contains("action=\"/api/subscribe\"", page.Body, StringComparison.Ordinal);
        Assert.Contains("name=\"newsletter\" value=\"white-house-watch\"", page.Body, StringComparison.Ordinal);

        var unknown = HttpCall.Get(herald.Services);
        Assert.Equal(404, (await HttpCall.AnswerAsync(unknown, await function.Run(unknown, "<script>alert(1)</script>", Ct))).Status);
    }

    [Fact]
    public async Task Archive_serves_a_built_edition_without_personal_links()
    {
        await using var herald = await TestHerald.StartAsync(azurite);
        await new LocalPipeline(herald.Host).RunAsync(Ct);
        var archive = herald.Create<Archive>();

        async Task<HttpAnswer> GetAsync(string newsletter, string date)
        {
            var request = HttpCall.Get(herald.Services);
            return await HttpCall.AnswerAsync(request, await archive.Run(request, newsletter, date, Ct));
        }

        var page = await GetAsync("white-house-watch", "2026-11-25");
        Assert.Equal(200, page.Status);
        Assert.Contains("White House Watch", page.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("HERALD-PERSONAL", page.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("token=", page.Body, StringComparison.Ordinal);
        Assert.Equal(404, (await GetAsync("white-house-watch", "2026-11-24")).Status);
        Assert.Equal(404, (await GetAsync("white-house-watch", "../../etc/passwd")).Status);
        Assert.Equal(404, (await GetAsync("nope", "2026-11-25")).Status);
    }

    [Fact]
    public async Task SendGrid_events_are_refused_until_a_key_is_configured_and_unless_signed()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var publicKey = Convert.ToBase64String(key.ExportSubjectPublicKeyInfo());
        await using var unconfigured = await TestHerald.StartAsync(azurite);
        await using var herald = await TestHerald.StartAsync(azurite, new Dictionary<string, string?> { ["Delivery:SendGridWebhookPublicKey"] = publicKey });
        const string body = "[]";
        var (signature, timestamp) = WebhookSigner.Sign(key, body, herald.Time.GetUtcNow());

        Assert.Equal(403, (await WebhookAsync(unconfigured, body, signature, timestamp)).Status);
        Assert.Equal(401, (await WebhookAsync(herald, body, null, null)).Status);
        Assert.Equal(403, (await WebhookAsync(herald, "[{}]", signature, timestamp)).Status);
        Assert.Equal(200, (await WebhookAsync(herald, body, signature, timestamp)).Status);
    }

    [Fact]
    public async Task A_signed_bounce_suppresses_the_address_and_a_block_does_not()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await using var herald = await TestHerald.StartAsync(azurite, new Dictionary<string, string?> { ["Delivery:SendGridWebhookPublicKey"] = Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()) });
        var (bouncing, _) = await herald.Get<SubscriberImports>().AddConfirmedAsync("white-house-watch", "gone@example.com", "test", Ct);
        var (blocked, _) = await herald.Get<SubscriberImports>().AddConfirmedAsync("white-house-watch", "blocked@example.com", "test", Ct);
        const string body = """
            [{"email":"gone@example.com","event":"bounce","type":"bounce","sg_event_id":"ev-1","herald_newsletter":"white-house-watch"},
             {"email":"blocked@example.com","event":"bounce","type":"blocked","sg_event_id":"ev-2","herald_newsletter":"white-house-watch"},
             {"email":"x@example.com","event":"delivered","sg_event_id":"ev-3"}]
            """;
        var (signature, timestamp) = WebhookSigner.Sign(key, body, herald.Time.GetUtcNow());

        Assert.Equal(200, (await WebhookAsync(herald, body, signature, timestamp)).Status);

        Assert.Equal(SubscriberStatus.Suppressed, (await herald.Get<SubscriberStore>().GetAsync(bouncing!.Id, Ct))!.StatusFor("white-house-watch"));
        Assert.Equal(SubscriberStatus.Active, (await herald.Get<SubscriberStore>().GetAsync(blocked!.Id, Ct))!.StatusFor("white-house-watch"));
        Assert.True(await herald.Get<SuppressionList>().ContainsAsync(bouncing.Id, Ct));
    }

    private static async Task<HttpAnswer> WebhookAsync(TestHerald herald, string body, string? signature, string? timestamp)
    {
        var request = HttpCall.Request(herald.Services, "POST", "", "application/json", body);
        if (signature is not null)
        {
            request.Headers[SendGridWebhookVerifier.SignatureHeader] = signature;
            request.Headers[SendGridWebhookVerifier.TimestampHeader] = timestamp;
        }

        return await HttpCall.AnswerAsync(request, await herald.Create<SendGridEvents>().Run(request, Ct));
    }
}
