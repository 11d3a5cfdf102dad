using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Herald.Collecting;
using Herald.Delivery;
using Herald.Editions;
using Herald.Local;
using Herald.Mail;
using Herald.Subscribers;
using Herald.Testing;

namespace Herald.Tests.Site;

/// <summary>SendGrid's signed event webhook through the site: only fresh, genuine requests count, and each event counts once.</summary>
public class WebhookTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<TestSite> StartAsync() => await TestSite.StartAsync(azurite, new Dictionary<string, string?> { ["Delivery:SendGridWebhookPublicKey"] = TestKeys.WebhookPublicKey });

    private static async Task<HttpResponseMessage> PostAsync(TestSite site, string body, (string Signature, string Timestamp)? signed, string contentType = "application/json")
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = new(contentType);
        return signed is { } s
            ? await site.SendAsync(HttpMethod.Post, "/api/events/sendgrid", content, (SendGridWebhookVerifier.SignatureHeader, s.Signature), (SendGridWebhookVerifier.TimestampHeader, s.Timestamp))
            : await site.SendAsync(HttpMethod.Post, "/api/events/sendgrid", content);
    }

    [Fact]
    public async Task A_replayed_request_changes_nothing_the_second_time()
    {
        await using var site = await StartAsync();
        var (subscriber, _) = await site.Herald.Get<SubscriberImports>().AddConfirmedAsync("white-house-watch", "complainer@example.com", "test", Ct);
        const string body = """[{"email":"complainer@example.com","event":"spamreport","sg_event_id":"spam-1","herald_newsletter":"white-house-watch","herald_edition":"white-house-watch-20261125"}]""";
        var signed = WebhookSigner.Sign(TestKeys.Webhook, body, site.Herald.Time.GetUtcNow());

        using var first = await PostAsync(site, body, signed);
        var lifted = await site.Herald.Get<SubscriberImports>().AddConfirmedAsync("white-house-watch", "complainer@example.com", "test", Ct);
        using var replay = await PostAsync(site, body, signed);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(1, JsonDocument.Parse(await first.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("new").GetInt32());
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(0, JsonDocument.Parse(await replay.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("new").GetInt32());
        Assert.Equal(1, (await site.Herald.Get<DeliveryLedger>().GetStatsAsync("white-house-watch-20261125", Ct)).SpamReports);
        Assert.Equal(SubscriberStatus.Suppressed, (await site.Herald.Get<SubscriberStore>().GetAsync(subscriber!.Id, Ct))!.StatusFor("white-house-watch"));
        Assert.False(lifted.Added); // an operator cannot re-add a suppressed address either
    }

    [Fact]
    public async Task Events_a_request_took_in_and_died_holding_are_acted_on_when_the_provider_retries_and_counted_once()
    {
        await using var site = await StartAsync();
        var (subscriber, _) = await site.Herald.Get<SubscriberImports>().AddConfirmedAsync("white-house-watch", "bounced@example.com", "test", Ct);
        const string body = """
            [{"email":"bounced@example.com","event":"bounce","type":"bounce","sg_event_id":"bounce-1","herald_newsletter":"white-house-watch","herald_edition":"white-house-watch-20261125"},
             {"email":"reader@example.com","event":"delivered","sg_event_id":"delivered-1","herald_newsletter":"white-house-watch","herald_edition":"white-house-watch-20261125"}]
            """;

        // The first delivery of the request reached an instance that took the bounce in and died before acting on it.
        var died = await site.Herald.Get<ProviderEventLog>().TakeAsync(["bounce-1"], Ct);
        using var retry = await PostAsync(site, body, WebhookSigner.Sign(TestKeys.Webhook, body, site.Herald.Time.GetUtcNow()));
        using var again = await PostAsync(site, body, WebhookSigner.Sign(TestKeys.Webhook, body, site.Herald.Time.GetUtcNow()));

        Assert.Equal(["bounce-1"], died.Fresh);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(2, JsonDocument.Parse(await retry.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("new").GetInt32());
        Assert.Equal(SubscriberStatus.Suppressed, (await site.Herald.Get<SubscriberStore>().GetAsync(subscriber!.Id, Ct))!.StatusFor("white-house-watch"));
        Assert.Equal(0, JsonDocument.Parse(await again.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("new").GetInt32());
        var stats = await site.Herald.Get<DeliveryLedger>().GetStatsAsync("white-house-watch-20261125", Ct);
        Assert.Equal(1, stats.Delivered);
        Assert.Equal(0, stats.Bounced); // the dead request's event: acted on, not counted (counting is not idempotent)
    }

    [Theory]
    [InlineData(-6 * 60)]
    [InlineData(6 * 60)]
    public async Task A_request_signed_more_than_five_minutes_away_is_refused(int secondsOff)
    {
        await using var site = await StartAsync();
        const string body = """[{"email":"a@example.com","event":"delivered","sg_event_id":"e1"}]""";

        using var response = await PostAsync(site, body, WebhookSigner.Sign(TestKeys.Webhook, body, site.Herald.Time.GetUtcNow().AddSeconds(secondsOff)));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Tampered_bodies_other_keys_and_malformed_headers_are_refused_with_401_or_403_never_500()
    {
        await using var site = await StartAsync();
        const string body = """[{"email":"a@example.com","event":"delivered","sg_event_id":"e1"}]""";
        var now = site.Herald.Time.GetUtcNow();
        var signed = WebhookSigner.Sign(TestKeys.Webhook, body, now);
        using var other = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);

        var cases = new (string Name, string Body, (string, string)? Signed, HttpStatusCode Expected)[]
        {
            ("tampered body", body.Replace("delivered", "bounce", StringComparison.Ordinal), signed, HttpStatusCode.Forbidden),
            ("another key", body, WebhookSigner.Sign(other, body, now), HttpStatusCode.Forbidden),
            ("unsigned", body, null, HttpStatusCode.Unauthorized),
            ("short DER signature", body, ("MEUCIQ==", signed.Timestamp), HttpStatusCode.Forbidden),
            ("not base64", body, ("!!!not-base64!!!", signed.Timestamp), HttpStatusCode.Unauthorized),
            ("timestamp not a number", body, (signed.Signature, "yesterday"), HttpStatusCode.Unauthorized),
            ("timestamp in the far future", body, (signed.Signature, "99999999999999999"), HttpStatusCode.Forbidden),
        };
        foreach (var (name, sent, signature, expected) in cases)
        {
            using var response = await PostAsync(site, sent, signature);
            Assert.True(expected == response.StatusCode, $"{name}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Bodies_that_are_not_events_are_refused_with_4xx()
    {
        await using var site = await StartAsync();
        var now = site.Herald.Time.GetUtcNow();

        using var notJson = await PostAsync(site, "{not json", WebhookSigner.Sign(TestKeys.Webhook, "{not json", now));
        using var wrongType = await PostAsync(site, "[]", WebhookSigner.Sign(TestKeys.Webhook, "[]", now), "text/plain");
        var huge = "[" + string.Join(',', Enumerable.Repeat("""{"event":"open","sg_event_id":"x"}""", 600_000)) + "]";
        using var tooLarge = await PostAsync(site, huge, WebhookSigner.Sign(TestKeys.Webhook, huge, now));
        var chunked = new PushStreamContent(huge);
        chunked.Headers.ContentType = new("application/json");
        using var tooLargeChunked = await site.SendAsync(HttpMethod.Post, "/api/events/sendgrid", chunked);

        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLargeChunked.StatusCode);
    }

    [Fact]
    public async Task A_single_event_object_is_accepted_as_well_as_an_array()
    {
        await using var site = await StartAsync();
        const string body = """{"email":"a@example.com","event":"open","sg_event_id":"single-1","herald_edition":"white-house-watch-20261125"}""";

        using var response = await PostAsync(site, body, WebhookSigner.Sign(TestKeys.Webhook, body, site.Herald.Time.GetUtcNow()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (await site.Herald.Get<DeliveryLedger>().GetStatsAsync("white-house-watch-20261125", Ct)).Opened);
    }

    [Fact]
    public void The_signature_scheme_is_sendgrids_own_as_its_sdk_checks_it()
    {
        const string body = """[{"email":"a@example.com","event":"delivered","sg_event_id":"e1"}]""";
        var now = DateTimeOffset.UtcNow;
        var (signature, timestamp) = WebhookSigner.Sign(TestKeys.Webhook, body, now);
        var sdk = new SendGrid.Helpers.EventWebhook.RequestValidator();

        Assert.True(sdk.VerifySignature(sdk.ConvertPublicKeyToECDSA(TestKeys.WebhookPublicKey), body, signature, timestamp));
        Assert.Equal(WebhookVerdict.Genuine, new SendGridWebhookVerifier(Microsoft.Extensions.Options.Options.Create(new DeliveryOptions { SendGridWebhookPublicKey = TestKeys.WebhookPublicKey }), TimeProvider.System).Verify(Encoding.UTF8.GetBytes(body), signature, timestamp));
    }

    [Fact]
    public async Task A_burst_of_ten_thousand_events_is_taken_in_and_a_bounce_keeps_the_address_out_of_the_next_send()
    {
        await using var sink = await SendGridSink.StartAsync();
        await using var site = await TestSite.StartAsync(azurite, new Dictionary<string, string?>
        {
            ["Delivery:SendGridWebhookPublicKey"] = TestKeys.WebhookPublicKey,
            ["Delivery:Mode"] = "SendGrid",
            ["Delivery:SendGridApiKey"] = "SG.webhook-test",
            ["Delivery:SendGridHost"] = sink.Url.AbsoluteUri,
        });
        var addresses = await TestSubscribers.AddAsync(site.Herald, 1_000);
        var events = new List<object>();
        for (var i = 0; i < 9_900; i++)
        {
            events.Add(new { email = addresses[i % 1_000], @event = i % 3 == 0 ? "open" : "delivered", sg_event_id = $"burst-{i}", herald_edition = "white-house-watch-20261125", herald_newsletter = "white-house-watch" });
        }

        for (var i = 0; i < 100; i++)
        {
            events.Add(new { email = addresses[i], @event = "bounce", type = "bounce", sg_event_id = $"bounce-{i}", herald_edition = "white-house-watch-20261125" });
        }

        var body = JsonSerializer.Serialize(events);
        var watch = Stopwatch.StartNew();
        using var response = await PostAsync(site, body, WebhookSigner.Sign(TestKeys.Webhook, body, site.Herald.Time.GetUtcNow()));
        output.WriteLine($"10,000 events ({body.Length / 1024} KB) taken in in {watch.Elapsed.TotalSeconds:F1} s: {await response.Content.ReadAsStringAsync(Ct)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stats = await site.Herald.Get<DeliveryLedger>().GetStatsAsync("white-house-watch-20261125", Ct);
        Assert.Equal((6_600, 3_300, 100), (stats.Delivered, stats.Opened, stats.Bounced));

        await site.Herald.Get<ArticleCollector>().CollectAsync(Ct);
        site.Herald.Time.Advance(TimeSpan.FromMinutes(5));
        await site.Herald.Get<EditionDispatcher>().DispatchAllAsync(Ct);
        var (_, sent, _) = await new LocalPipeline(site.Herald.Host).SendQueuedAsync(Ct);
        Assert.Equal(900, sent);
        Assert.DoesNotContain(addresses[42], sink.Accepted.Keys);
    }

    /// <summary>A body sent in chunks with no declared length: the size cap must hold while reading.</summary>
    private sealed class PushStreamContent(string body) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            for (var offset = 0; offset < bytes.Length; offset += 64 * 1024)
            {
                await stream.WriteAsync(bytes.AsMemory(offset, Math.Min(64 * 1024, bytes.Length - offset)));
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }
}
