using System.Net.Http.Headers;
using System.Text;
using Herald.Mail;
using Herald.Subscribers;
using Herald.Testing;

namespace Herald.Tests.Site;

/// <summary>
/// The hostile requests no test built with Encoding.UTF8.GetBytes or JsonSerializer could make: bytes that are not
/// UTF-8 (0xE4 alone, 0xFF, an overlong C0 AF, an encoded surrogate ED A0 80, a code point past U+10FFFF), NUL, and
/// JSON's lone surrogate escapes — raw and percent-escaped, in every field of every body, in the query and the route,
/// and in every header the site reads (the client sends headers as Latin-1, so U+00E4 goes out as the byte 0xE4).
/// </summary>
internal static class RawByteAttacks
{
    private static readonly (string Name, byte[] Bytes)[] Bad =
    [
        ("E4", [0xE4]), ("FF", [0xFF]), ("C0 AF overlong", [0xC0, 0xAF]), ("ED A0 80 surrogate", [0xED, 0xA0, 0x80]), ("F4 90 80 80 past U+10FFFF", [0xF4, 0x90, 0x80, 0x80]), ("NUL", [0x00]),
    ];

    private static readonly string[] Escapes = [@"\ud800", @"\udfff", @"a\udc00b", @"\ud800\ud800", @"a\u0000b"];

    private static readonly string[] SignUpFields = ["newsletter", "email", "name"];

    public static IEnumerable<HostileAttack> Generate(TestSite site, string activeId)
    {
        var good = new Dictionary<string, string> { ["newsletter"] = "white-house-watch", ["email"] = "raw@example.com", ["name"] = "Raw" };
        var tokens = site.Herald.Get<SubscriberTokens>();
        var preferences = Uri.EscapeDataString(tokens.Create(TokenPurpose.Preferences, "white-house-watch", activeId));
        for (var round = 0; round < 4; round++)
        {
            foreach (var (name, bad) in Bad)
            {
                foreach (var field in SignUpFields)
                {
                    var note = $"{field} {name}";
                    yield return Post("subscribe", "/api/subscribe", FormBytes(good, field, bad, escaped: false), "application/x-www-form-urlencoded", note + " form raw");
                    yield return Post("subscribe", "/api/subscribe", FormBytes(good, field, bad, escaped: true), "application/x-www-form-urlencoded", note + " form escaped");
                    yield return Post("subscribe", "/api/subscribe", JsonBytes(good, field, bad), "application/json", note + " JSON raw");
                    yield return Post("subscribe", "/api/subscribe", MultipartBytes(good, field, bad, inName: false), "multipart/form-data; boundary=b0undary", note + " multipart value");
                    yield return Post("subscribe", "/api/subscribe", MultipartBytes(good, field, bad, inName: true), "multipart/form-data; boundary=b0undary", note + " multipart name");
                }

                // The reader's own valid link with a body that is not text: refused before anything is saved.
                foreach (var field in new[] { "name", "newsletters", "timeZone", "action" })
                {
                    var fields = new Dictionary<string, string> { ["newsletters"] = "white-house-watch", ["name"] = "Changed", ["timeZone"] = "Europe/Paris", ["action"] = "save" };
                    yield return Post("preferences", "/api/preferences?token=" + preferences, FormBytes(fields, field, bad, escaped: round % 2 == 0), "application/x-www-form-urlencoded", $"{field} {name}");
                }

                var escaped = Escape(bad);
                foreach (var route in new[] { "confirm", "unsubscribe", "preferences", "privacy/export", "privacy/erase" })
                {
                    var method = round % 2 == 0 || route == "privacy/export" ? HttpMethod.Get : HttpMethod.Post;
                    yield return new HostileAttack(route, method, $"/api/{route}?token={preferences[..20]}{escaped}{preferences[20..]}", () => method == HttpMethod.Post ? Content(Encoding.ASCII.GetBytes("action=leave-all"), "application/x-www-form-urlencoded") : null, [], Note: "token " + name);
                }

                // Not %00 in the path: Kestrel refuses a NUL in the path itself, a bare 400 before any middleware (docs/site.md says so).
                if (name != "NUL")
                {
                    yield return new HostileAttack("subscribe page", HttpMethod.Get, $"/api/subscribe/white{escaped}house", () => null, [], Note: name);
                    yield return new HostileAttack("archive", HttpMethod.Get, $"/api/archive/white-house-watch/2026{escaped}11", () => null, [], Note: name);
                }
                yield return Signed(site, [.. Ascii("""[{"email":"active@example.com","event":"spamreport","sg_event_id":"raw-"""), .. bad, .. Ascii("\"}]")], "webhook " + name);
                yield return Post("inbound/email", "/api/inbound/email", MultipartBytes(new Dictionary<string, string> { ["from"] = "a@example.com", ["to"] = "x@example.com", ["text"] = "hi" }, "text", bad, inName: false), "multipart/form-data; boundary=b0undary", "unauthenticated " + name);
            }

            foreach (var escape in Escapes)
            {
                foreach (var field in SignUpFields)
                {
                    yield return Post("subscribe", "/api/subscribe", Ascii("{" + string.Join(',', good.Select(f => $"\"{f.Key}\":\"{(f.Key == field ? escape : f.Value)}\"")) + "}"), "application/json", $"{field} {escape}");
                }

                yield return Post("subscribe", "/api/subscribe", Ascii($$"""{"newsletter":"white-house-watch","email":"raw@example.com","{{escape}}":"x"}"""), "application/json", "property name " + escape);
                yield return Signed(site, Ascii($$"""[{"email":"active@example.com","event":"spamreport","sg_event_id":"{{escape}}"}]"""), "webhook " + escape);
                yield return Signed(site, Ascii($$"""{"email":"active@example.com","event":"spamreport","sg_event_id":"esc","{{escape}}":1}"""), "webhook property " + escape);
            }
        }

        // Every header the site reads, with each byte sequence but NUL (which the client refuses to send), on every route.
        var routes = new (string Route, HttpMethod Method, string Path, Func<HttpContent?> Body)[]
        {
            // An address that is refused in the end, so that a header let through still queues nothing.
            ("subscribe", HttpMethod.Post, "/api/subscribe", () => Content(Ascii("newsletter=white-house-watch&email=raw%40&name=Header"), "application/x-www-form-urlencoded")),
            ("subscribe page", HttpMethod.Get, "/api/subscribe/white-house-watch", () => null),
            ("confirm", HttpMethod.Post, "/api/confirm?token=broken", () => null),
            ("unsubscribe", HttpMethod.Post, "/api/unsubscribe?token=broken", () => null),
            ("preferences", HttpMethod.Post, "/api/preferences?token=broken", () => Content(Ascii("newsletters=white-house-watch&name=Header"), "application/x-www-form-urlencoded")),
            ("privacy/export", HttpMethod.Get, "/api/privacy/export?token=broken", () => null),
            ("privacy/erase", HttpMethod.Post, "/api/privacy/erase?token=broken", () => null),
            ("archive", HttpMethod.Get, "/api/archive/white-house-watch", () => null),
            ("events/sendgrid", HttpMethod.Post, "/api/events/sendgrid", () => Content(Ascii("[]"), "application/json")),
            ("inbound/email", HttpMethod.Post, "/api/inbound/email", () => null),
        };
        string[] headers = ["Origin", "Referer", "Sec-Fetch-Site", "Accept", "X-Forwarded-For", "Content-Type", "Authorization", "Cookie", SendGridWebhookVerifier.SignatureHeader, SendGridWebhookVerifier.TimestampHeader];
        foreach (var (route, method, path, body) in routes)
        {
            foreach (var header in headers)
            {
                foreach (var (name, bad) in Bad.Where(b => b.Name != "NUL"))
                {
                    var value = "x" + Encoding.Latin1.GetString(bad) + "y";
                    // A public page's GET may ignore a header it does not read (a Content-Type without a body is not even sent): its 200 is the page.
                    yield return new HostileAttack(route, method, path, body, [(header, value)], MayBeAcknowledged: route is "subscribe page" or "archive", Note: $"header {header} {name}");
                }
            }
        }
    }

    private static HostileAttack Post(string route, string path, byte[] body, string contentType, string note) =>
        new(route, HttpMethod.Post, path, () => Content(body, contentType), [], Note: note);

    private static HostileAttack Signed(TestSite site, byte[] body, string note)
    {
        var (signature, timestamp) = WebhookSigner.Sign(TestKeys.Webhook, body, site.Herald.Time.GetUtcNow());
        return new HostileAttack("events/sendgrid", HttpMethod.Post, "/api/events/sendgrid", () => Content(body, "application/json"), [(SendGridWebhookVerifier.SignatureHeader, signature), (SendGridWebhookVerifier.TimestampHeader, timestamp)], Note: note);
    }

    private static byte[] FormBytes(Dictionary<string, string> fields, string target, byte[] bad, bool escaped)
    {
        var parts = new List<byte>();
        foreach (var (name, value) in fields)
        {
            parts.AddRange(parts.Count == 0 ? [] : "&"u8.ToArray());
            parts.AddRange(Ascii(Uri.EscapeDataString(name) + "=" + Uri.EscapeDataString(value)));
            if (name == target)
            {
                parts.AddRange(escaped ? Ascii(Escape(bad)) : bad);
            }
        }

        return [.. parts];
    }

    private static byte[] JsonBytes(Dictionary<string, string> fields, string target, byte[] bad) =>
        [.. Ascii("{"), .. fields.SelectMany((f, i) => (byte[])[.. Ascii((i == 0 ? "" : ",") + $"\"{f.Key}\":\"{f.Value}"), .. f.Key == target ? bad : [], .. Ascii("\"")]), .. Ascii("}")];

    private static byte[] MultipartBytes(Dictionary<string, string> fields, string target, byte[] bad, bool inName) =>
        [.. fields.SelectMany(f => (byte[])[
            .. Ascii($"--b0undary\r\nContent-Disposition: form-data; name=\"{f.Key}"), .. inName && f.Key == target ? bad : [], .. Ascii($"\"\r\n\r\n{f.Value}"),
            .. !inName && f.Key == target ? bad : [], .. Ascii("\r\n")]), .. Ascii("--b0undary--\r\n")];

    private static string Escape(byte[] bytes) => string.Concat(bytes.Select(b => $"%{b:X2}"));

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    private static ByteArrayContent Content(byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }
}
