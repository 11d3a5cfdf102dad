using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Herald.Mail;
using Herald.Subscribers;
using Herald.Testing;
using Microsoft.Extensions.Options;

namespace Herald.Tests.Site;

/// <summary>
/// Ten thousand and more generated hostile requests against every route of the site as "herald serve" hosts it:
/// invalid and tricky addresses, header and CRLF injection, oversized and chunked bodies, wrong content types, broken
/// forms and JSON, tampered, expired, re-used and wrong-purpose tokens, replayed and stale webhooks, wrong methods.
/// Every answer must be a 4xx that says what is wrong (a replayed webhook is acknowledged and changes nothing), none a
/// 5xx, and no subscriber may be created or changed. <see cref="RawByteAttacks"/> adds what no UTF-8 encoder makes:
/// invalid bytes, overlong forms, encoded and escaped lone surrogates and NUL, in every field and header.
/// </summary>
public class HostileInputTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ten_thousand_hostile_requests_get_4xx_answers_and_change_no_subscriber()
    {
        await using var site = await TestSite.StartAsync(azurite, new Dictionary<string, string?>
        {
            ["Delivery:SendGridWebhookPublicKey"] = TestKeys.WebhookPublicKey,
            ["Site:SignUpsPerClientPerMinute"] = "100000",
            ["Site:SignUpsPerAddressPerHour"] = "1000",
            ["Site:SignUpsPerMinute"] = "100000",
            ["Site:ClientIpHeader"] = "X-Forwarded-For", // so that a client-address header with raw bytes is read, not ignored
        });
        var (active, _) = await site.Herald.Get<SubscriberImports>().AddConfirmedAsync("white-house-watch", "active@example.com", "seed", Ct);
        var (left, _) = await site.Herald.Get<SubscriberImports>().AddConfirmedAsync("white-house-watch", "left@example.com", "seed", Ct);
        await site.Herald.Get<OptOutService>().UnsubscribeAsync(left!, "white-house-watch", "seed", Ct);
        var before = await SnapshotAsync(site);

        var attacks = Generate(site, active!.Id, left!.Id).Concat(RawByteAttacks.Generate(site, active.Id)).ToList();
        var answers = new ConcurrentBag<(string Route, int Status, bool Acknowledged, bool Explained, bool Headers, string Sample)>();
        await Parallel.ForEachAsync(attacks, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Ct }, async (attack, ct) =>
        {
            using var response = await site.SendAsync(attack.Method, attack.Path, attack.Body(), attack.Headers);
            var body = await response.Content.ReadAsStringAsync(ct);
            // A page's <h1>, an API caller's {"error"}, or the guard's plain sentence for what the framework refused (405, 414, a header that is not ASCII).
            var explained = body.Contains("<h1>", StringComparison.Ordinal) || body.Contains("\"error\"", StringComparison.Ordinal) || (response.Content.Headers.ContentType?.MediaType == "text/plain" && body.Length > 0);
            var headers = response.Headers.TryGetValues("Content-Security-Policy", out var csp) && csp.Single() == Herald.Site.Http.SiteResults.ContentSecurityPolicy && response.Headers.Contains("X-Content-Type-Options");
            answers.Add((attack.Route, (int)response.StatusCode, attack.MayBeAcknowledged && (int)response.StatusCode == 200, explained, headers, (attack.Path.Length > 80 ? attack.Path[..80] : attack.Path) + " " + attack.Note));
        });

        await SignUps.DrainAsync(site.Herald);
        var after = await SnapshotAsync(site);
        foreach (var route in answers.GroupBy(a => a.Route).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{route.Key,-18} {route.Count(),6} requests: {string.Join(", ", route.GroupBy(a => a.Status).OrderBy(g => g.Key).Select(g => $"{g.Key} x{g.Count()}"))}");
        }

        foreach (var odd in answers.Where(a => !a.Acknowledged && a.Status is < 400 or >= 500).Select(a => $"{a.Status} {a.Route} {a.Sample}").Distinct().Order())
        {
            output.WriteLine(odd);
        }

        Assert.True(attacks.Count >= 10_000, $"only {attacks.Count} requests were generated");
        Assert.Empty(answers.Where(a => a.Status >= 500).Select(a => $"{a.Status} {a.Route} {a.Sample}"));
        Assert.Empty(answers.Where(a => !a.Acknowledged && a.Status is < 400 or >= 500).Select(a => $"{a.Status} {a.Route} {a.Sample}").Distinct().Order());
        Assert.Empty(answers.Where(a => !a.Acknowledged && !a.Explained).Select(a => $"{a.Status} {a.Route} {a.Sample}"));
        Assert.Empty(answers.Where(a => !a.Headers).Select(a => $"{a.Status} {a.Route} {a.Sample}").Distinct().Order()); // the site's headers on every answer, the framework's included
        Assert.Equal(before, after);
    }

    /// <summary>Every subscriber with every newsletter's status: what no hostile request may change.</summary>
    private static async Task<string> SnapshotAsync(TestSite site)
    {
        var lines = new List<string>();
        await foreach (var s in site.Herald.Get<SubscriberStore>().ListAsync(null, null, Ct))
        {
            lines.Add($"{s.Email} {string.Join(',', s.Subscriptions.Select(p => $"{p.Key}={p.Value.Status}"))} {s.Name}");
        }

        return string.Join('\n', lines.Order(StringComparer.Ordinal));
    }

    private static IEnumerable<HostileAttack> Generate(TestSite site, string activeId, string leftId)
    {
        var random = new Random(2026);
        var tokens = site.Herald.Get<SubscriberTokens>();
        var herald = site.Herald.Get<IOptions<Herald.Configuration.HeraldOptions>>();
        var expired = new SubscriberTokens(herald, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(site.Herald.Time.GetUtcNow().AddYears(-11)));
        var staleConfirm = new SubscriberTokens(herald, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(site.Herald.Time.GetUtcNow().AddDays(-8)));
        var otherKey = new SubscriberTokens(Options.Create(new Herald.Configuration.HeraldOptions { SigningKey = new string('x', 40), Newsletters = herald.Value.Newsletters }), site.Herald.Time);
        var valid = new Dictionary<TokenPurpose, string>
        {
            [TokenPurpose.Confirm] = tokens.Create(TokenPurpose.Confirm, "white-house-watch", activeId, 7),
            [TokenPurpose.Unsubscribe] = tokens.Create(TokenPurpose.Unsubscribe, "white-house-watch", leftId),
            [TokenPurpose.Preferences] = tokens.Create(TokenPurpose.Preferences, "white-house-watch", activeId),
        };

        string[] badAddresses =
        [
            "", " ", "plainaddress", "@example.com", "joe@", "joe@@example.com", "joe@example", "joe@.example.com", "joe@example..com",
            "joe@[127.0.0.1]", "joe@[IPv6:::1]", "\"joe\"@example.com", "jo e@example.com", "joe@exa mple.com", "joe@example.com\r\nBcc: x@evil.example",
            "joe@example.com%0d%0aBcc:x@evil.example", "joe\u200b@example.com", "joe\u0000@example.com", "joe@example.com\u202e", "jöe@example.com",
            "joe@-example.com", "joe@example-.com", "joe@123.45", new string('a', 65) + "@example.com", "a@" + new string('b', 250) + ".com",
            "Eve <eve@example.com>", "a@example.com, b@example.com", "a@example.com;b@example.com", "<script>@example.com", "joe@exa\nmple.com",
            "=?utf-8?q?joe?=@example.com", "joe@xn--.com", "joe@xn--zz-zzz.com", ".joe@example.com", "joe.@example.com", "jo..e@example.com",
        ];
        string[] badNewsletters = ["", "nope", "../../etc/passwd", "<script>alert(1)</script>", new string('w', 500), "white-house-watch\r\nX: y", "WHITE-HOUSE-WATCH"];

        for (var i = 0; i < 2_400; i++)
        {
            var address = badAddresses[i % badAddresses.Length] + (i % 3 == 0 ? "" : new string(' ', random.Next(0, 2)));
            var newsletter = i % 5 == 0 ? badNewsletters[random.Next(badNewsletters.Length)] : "white-house-watch";
            yield return (i % 4) switch
            {
                0 => new HostileAttack("subscribe", HttpMethod.Post, "/api/subscribe", () => Form(("newsletter", newsletter), ("email", address), ("name", "x\r\nSubject: injected")), [], Note: Quote(address) + " " + Quote(newsletter)),
                1 => new HostileAttack("subscribe", HttpMethod.Post, "/api/subscribe", () => Json($$"""{"newsletter":{{Quote(newsletter)}},"email":{{Quote(address)}}}"""), [], Note: Quote(address) + " " + Quote(newsletter)),
                2 => new HostileAttack("subscribe", HttpMethod.Post, "/api/subscribe", () => Multipart(("newsletter", newsletter), ("email", address)), [], Note: Quote(address) + " " + Quote(newsletter)),
                _ => new HostileAttack("subscribe", HttpMethod.Post, "/api/subscribe", () => Form(("newsletter", "white-house-watch"), ("email", address)), [("Origin", i % 2 == 0 ? "https://evil.example" : "null")]),
            };
        }

        string[] brokenBodies =
        [
            "%zz=%", "email=%E0%A4%A", "a=b&" + string.Join('&', Enumerable.Range(0, 200).Select(n => $"f{n}=v")), new string('&', 5000), "email=" + new string('a', 20_000),
            "{\"newsletter\":", "[\"array\"]", "{\"email\":{\"$gt\":\"\"}}", "{\"email\":123,\"newsletter\":true}", new string('[', 5000), "\u0000\u0001\u0002", "null", "{}",
        ];
        string[] contentTypes = ["text/plain", "application/xml", "application/x-www-form-urlencoded", "application/json", "multipart/form-data", "multipart/form-data; boundary=", "multipart/form-data; boundary=\"" + new string('b', 100) + "\"", "image/png", "application/json; charset=utf-32"];
        for (var i = 0; i < 1_800; i++)
        {
            var body = brokenBodies[i % brokenBodies.Length];
            var type = contentTypes[random.Next(contentTypes.Length)];
            yield return new HostileAttack("subscribe", HttpMethod.Post, "/api/subscribe", () => Raw(body, type), [], Note: Quote(body.Length > 40 ? body[..40] : body) + " " + type);
        }

        for (var i = 0; i < 300; i++)
        {
            var size = 17 * 1024 + random.Next(100_000);
            yield return new HostileAttack("subscribe", HttpMethod.Post, "/api/subscribe", i % 2 == 0 ? () => Raw("email=" + new string('x', size), "application/x-www-form-urlencoded") : () => Chunked("email=" + new string('x', size)), []);
        }

        var tokenRoutes = new[] { ("confirm", TokenPurpose.Confirm), ("unsubscribe", TokenPurpose.Unsubscribe), ("preferences", TokenPurpose.Preferences), ("privacy/export", TokenPurpose.Preferences), ("privacy/erase", TokenPurpose.Preferences) };
        for (var i = 0; i < 3_600; i++)
        {
            var (route, purpose) = tokenRoutes[i % tokenRoutes.Length];
            var wrongPurpose = valid[purpose == TokenPurpose.Confirm ? TokenPurpose.Unsubscribe : TokenPurpose.Confirm];
            var own = valid[purpose];
            var kind = i / tokenRoutes.Length % 9;
            var token = kind switch
            {
                0 => own[..^1] + (own[^1] == 'A' ? 'B' : 'A'), // one character changed
                1 => own[..10] + new string('A', own.Length - 10),
                2 => wrongPurpose,
                3 => purpose == TokenPurpose.Confirm ? staleConfirm.Create(purpose, "white-house-watch", activeId, 7) : expired.Create(purpose, "white-house-watch", activeId),
                4 => otherKey.Create(purpose, "white-house-watch", activeId, 7),
                5 => new string('Q', random.Next(0, 20_000)),
                6 => "abc\r\nSet-Cookie: x=y",
                7 => Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"purpose\":\"" + purpose + "\",\"subscriber\":\"" + activeId + "\"}")),
                // a genuine but outdated confirm link of someone already subscribed: "you are subscribed" is the truth, and nothing changes
                _ => purpose == TokenPurpose.Confirm ? tokens.Create(TokenPurpose.Confirm, "white-house-watch", activeId, 8) : tokens.Create(purpose, "no-such-newsletter", activeId),
            };
            var method = route is "privacy/export" || i % 2 == 0 ? HttpMethod.Get : HttpMethod.Post;
            yield return new HostileAttack(route, method, $"/api/{route}?token={Uri.EscapeDataString(token)}", () => method == HttpMethod.Post ? Form(("newsletter", "white-house-watch"), ("action", "leave-all")) : null, [], MayBeAcknowledged: kind == 8 && purpose == TokenPurpose.Confirm);
        }

        for (var i = 0; i < 600; i++)
        {
            var newsletter = badNewsletters[random.Next(badNewsletters.Length)];
            yield return i % 2 == 0
                ? new HostileAttack("subscribe page", HttpMethod.Get, $"/api/subscribe/{Uri.EscapeDataString(newsletter.Length == 0 ? "x" : newsletter)}", () => null, [])
                : new HostileAttack("archive", HttpMethod.Get, $"/api/archive/{Uri.EscapeDataString(newsletter.Length == 0 ? "x" : newsletter)}/{(i % 4 == 1 ? "2026-11-25" : Uri.EscapeDataString("../" + random.Next()))}", () => null, []);
        }

        var now = site.Herald.Time.GetUtcNow();
        const string events = """[{"email":"active@example.com","event":"spamreport","sg_event_id":"hostile-1"}]""";
        var genuine = WebhookSigner.Sign(TestKeys.Webhook, "[]", now);
        using var otherWebhookKey = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        for (var i = 0; i < 1_000; i++)
        {
            var (body, signature, timestamp, type, acknowledged) = (i % 8) switch
            {
                0 => Signed(events, now.AddMinutes(-10 - random.Next(1000))),     // stale: a captured request replayed later
                1 => Signed(events, now.AddMinutes(10)),                          // from the future
                2 => (events.Replace("hostile-1", "hostile-2", StringComparison.Ordinal), WebhookSigner.Sign(TestKeys.Webhook, events, now).Signature, genuine.Timestamp, "application/json", false), // tampered
                3 => (events, WebhookSigner.Sign(otherWebhookKey, events, now).Signature, genuine.Timestamp, "application/json", false), // forged
                4 => (events, "", "", "application/json", false),                // unsigned
                5 => ("[]", genuine.Signature, genuine.Timestamp, "application/json", true), // a genuine empty request, replayed: acknowledged, changes nothing
                6 => (events, "MEUCIQ==", genuine.Timestamp, "application/json", false),
                _ => (events, genuine.Signature, genuine.Timestamp, contentTypes[random.Next(contentTypes.Length)] is var t && t.StartsWith("application/json", StringComparison.Ordinal) ? "text/plain" : t, false),
            };
            yield return new HostileAttack("events/sendgrid", HttpMethod.Post, "/api/events/sendgrid", () => Raw(body, type), signature.Length == 0 ? [] : [(SendGridWebhookVerifier.SignatureHeader, signature), (SendGridWebhookVerifier.TimestampHeader, timestamp)], acknowledged);
        }

        foreach (var (route, method) in new[] { ("subscribe", HttpMethod.Put), ("confirm", HttpMethod.Delete), ("events/sendgrid", HttpMethod.Get), ("unsubscribe", HttpMethod.Patch) })
        {
            for (var i = 0; i < 100; i++)
            {
                yield return new HostileAttack(route, method, $"/api/{route}", () => null, []);
            }
        }

        static (string, string, string, string, bool) Signed(string body, DateTimeOffset at)
        {
            var (signature, timestamp) = WebhookSigner.Sign(TestKeys.Webhook, body, at);
            return (body, signature, timestamp, "application/json", false);
        }
    }

    internal static string Quote(string value) => System.Text.Json.JsonSerializer.Serialize(value);

    private static ByteArrayContent Form(params (string Name, string Value)[] fields) =>
        Raw(string.Join('&', fields.Select(f => Uri.EscapeDataString(f.Name) + "=" + Uri.EscapeDataString(f.Value))), "application/x-www-form-urlencoded");

    private static ByteArrayContent Json(string json) => Raw(json, "application/json");

    private static MultipartFormDataContent Multipart(params (string Name, string Value)[] fields)
    {
        var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }

        return content;
    }

    private static ByteArrayContent Raw(string body, string contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (MediaTypeHeaderValue.TryParse(contentType, out var type))
        {
            content.Headers.ContentType = type;
        }
        else
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        return content;
    }

    private static ChunkedContent Chunked(string body) => new ChunkedContent(Encoding.UTF8.GetBytes(body));

    private sealed class ChunkedContent(byte[] body) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (var offset = 0; offset < body.Length; offset += 4096)
            {
                await stream.WriteAsync(body.AsMemory(offset, Math.Min(4096, body.Length - offset)));
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }
}
