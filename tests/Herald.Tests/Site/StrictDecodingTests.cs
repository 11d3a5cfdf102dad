using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Herald.Mail;
using Herald.Storage;
using Herald.Subscribers;
using Herald.Testing;

namespace Herald.Tests.Site;

/// <summary>
/// Bodies that no test made with Encoding.UTF8.GetBytes or JsonSerializer could produce — a lone surrogate escape, a
/// raw 0xE4, an overlong C0 AF, an encoded surrogate, a NUL — on every reader of a body: each is a 400 that says
/// what is wrong, with the site's headers, and nothing is queued or stored.
/// </summary>
public class StrictDecodingTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, byte[]> SignUpBodies => new()
    {
        { "JSON, a lone surrogate escape in the name", "application/json", Ascii("""{"newsletter":"white-house-watch","email":"x@example.com","name":"\ud800"}""") },
        { "JSON, a lone surrogate escape in a property name", "application/json", Ascii("""{"newsletter":"white-house-watch","email":"x@example.com","\udfff":"a"}""") },
        { "JSON, a raw 0xE4 in the name", "application/json", Bytes("""{"newsletter":"white-house-watch","email":"x@example.com","name":"M""", [0xE4], "ller\"}") },
        { "JSON, a NUL escape in the name", "application/json", Ascii("""{"newsletter":"white-house-watch","email":"x@example.com","name":"a\u0000b"}""") },
        { "form, an escaped 0xE4 in the name", "application/x-www-form-urlencoded", Ascii("newsletter=white-house-watch&email=x%40example.com&name=M%E4ller") },
        { "form, a raw 0xE4 in the name", "application/x-www-form-urlencoded", Bytes("newsletter=white-house-watch&email=x%40example.com&name=M", [0xE4], "ller") },
        { "form, an overlong C0 AF in the name", "application/x-www-form-urlencoded", Ascii("newsletter=white-house-watch&email=x%40example.com&name=a%C0%AFb") },
        { "form, an encoded surrogate ED A0 80 in the name", "application/x-www-form-urlencoded", Ascii("newsletter=white-house-watch&email=x%40example.com&name=a%ED%A0%80b") },
        { "form, a NUL in the name", "application/x-www-form-urlencoded", Ascii("newsletter=white-house-watch&email=x%40example.com&name=a%00b") },
        { "multipart, a raw 0xE4 in the name", "multipart/form-data; boundary=XyZ", Bytes("--XyZ\r\nContent-Disposition: form-data; name=\"newsletter\"\r\n\r\nwhite-house-watch\r\n--XyZ\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\nx@example.com\r\n--XyZ\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nM", [0xE4], "ller\r\n--XyZ--\r\n") },
    };

    [Theory]
    [MemberData(nameof(SignUpBodies))]
    public async Task A_sign_up_whose_body_is_not_valid_text_is_a_400_and_queues_nothing(string what, string contentType, byte[] body)
    {
        await using var site = await TestSite.StartAsync(azurite);

        using var response = await site.SendAsync(HttpMethod.Post, "/api/subscribe", Content(body, contentType));
        var text = await response.Content.ReadAsStringAsync(Ct);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{what}: {(int)response.StatusCode} {text}");
        Assert.Matches("not valid UTF-8|not valid Unicode|NUL", text);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        await site.Herald.Get<HeraldStorage>().EnsureCreatedAsync(); // a queue no request has written to yet
        await SignUps.DrainAsync(site.Herald);
        Assert.Null(await site.Herald.Get<SubscriberStore>().GetAsync(EmailAddresses.IdOf("x@example.com"), Ct));
    }

    [Theory]
    [InlineData("""[{"email":"active@example.com","event":"spamreport","sg_event_id":"\ud800"}]""")]
    [InlineData("[{\"email\":\"active@example.com\",\"event\":\"spamreport\",\"sg_event_id\":\"a\\u0000\"}]")]
    public async Task A_signed_webhook_holding_a_lone_surrogate_or_NUL_is_a_400_and_changes_nothing(string events)
    {
        await using var site = await TestSite.StartAsync(azurite, new Dictionary<string, string?> { ["Delivery:SendGridWebhookPublicKey"] = TestKeys.WebhookPublicKey });
        await site.Herald.Get<SubscriberImports>().AddConfirmedAsync("white-house-watch", "active@example.com", "seed", Ct);

        using var response = await PostSignedAsync(site, Ascii(events));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("valid Unicode without NUL", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(SubscriberStatus.Active, (await site.Herald.Get<SubscriberStore>().GetAsync(EmailAddresses.IdOf("active@example.com"), Ct))!.StatusFor("white-house-watch"));
    }

    [Fact]
    public async Task A_signed_webhook_with_a_raw_invalid_byte_in_a_string_is_a_400()
    {
        await using var site = await TestSite.StartAsync(azurite, new Dictionary<string, string?> { ["Delivery:SendGridWebhookPublicKey"] = TestKeys.WebhookPublicKey });

        using var response = await PostSignedAsync(site, Bytes("""[{"email":"a@example.com","event":"bounce","sg_event_id":"x""", [0xE4], "\"}]"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not valid UTF-8", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_preferences_post_with_an_overlong_name_is_a_400_and_the_name_is_unchanged()
    {
        await using var site = await TestSite.StartAsync(azurite);
        var (reader, _) = await site.Herald.Get<SubscriberImports>().AddConfirmedAsync("white-house-watch", "reader@example.com", "seed", Ct);
        var token = site.Herald.Get<SubscriberTokens>().Create(TokenPurpose.Preferences, "white-house-watch", reader!.Id);
        var before = (await site.Herald.Get<SubscriberStore>().GetAsync(reader.Id, Ct))!.Name;

        using var response = await site.SendAsync(HttpMethod.Post, "/api/preferences?token=" + Uri.EscapeDataString(token), Content(Ascii("newsletters=white-house-watch&name=a%C0%AFb"), "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not valid UTF-8", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(before, (await site.Herald.Get<SubscriberStore>().GetAsync(reader.Id, Ct))!.Name);
    }

    private static async Task<HttpResponseMessage> PostSignedAsync(TestSite site, byte[] body)
    {
        var (signature, timestamp) = WebhookSigner.Sign(TestKeys.Webhook, body, site.Herald.Time.GetUtcNow());
        return await site.SendAsync(HttpMethod.Post, "/api/events/sendgrid", Content(body, "application/json"), (SendGridWebhookVerifier.SignatureHeader, signature), (SendGridWebhookVerifier.TimestampHeader, timestamp));
    }

    private static ByteArrayContent Content(byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    private static byte[] Bytes(string before, byte[] raw, string after) => [.. Ascii(before), .. raw, .. Ascii(after)];
}
