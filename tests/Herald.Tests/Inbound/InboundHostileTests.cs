using System.Collections.Concurrent;
using System.Text;
using Herald.Subscribers;
using Herald.Testing;

namespace Herald.Tests.Inbound;

/// <summary>
/// Thousands of generated hostile posts to the inbound mail route on "herald serve": missing and wrong credentials,
/// wrong content types, broken and oversized multipart bodies, and well-formed mail carrying hostile fields (broken
/// envelopes and charsets, header injection, forged unsubscribe tokens, markup built to stall a parser, garbage raw
/// MIME), all of it unauthenticated by SPF and DKIM or sent by robots. No answer may be a 5xx, and nobody may be
/// subscribed, changed or mailed.
/// </summary>
public class InboundHostileTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const string Domain = InboundMail.ParseDomain;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Attack(string Kind, Func<HttpContent?> Body, (string Name, string Value)[] Headers);

    [Fact]
    public async Task Two_thousand_hostile_inbound_posts_get_no_5xx_and_change_and_mail_nobody()
    {
        await using var site = await TestSite.StartAsync(azurite, new Dictionary<string, string?>
        {
            ["Inbound:ParseDomain"] = Domain,
            ["Inbound:Secret"] = TestKeys.InboundSecret,
            ["Inbound:MaxRequestBytes"] = "262144",
        });
        var (active, _) = await site.Herald.Get<SubscriberImports>().AddConfirmedAsync("white-house-watch", "active@example.com", "seed", Ct);
        var before = await SnapshotAsync(site);
        var token = site.Herald.Get<SubscriberTokens>().Create(TokenPurpose.Unsubscribe, "white-house-watch", active!.Id);

        var attacks = Generate(new Random(14), token).ToList();
        var answers = new ConcurrentBag<(string Kind, int Status)>();
        await Parallel.ForEachAsync(attacks, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Ct }, async (attack, ct) =>
        {
            using var response = await site.SendAsync(HttpMethod.Post, "/api/inbound/email", attack.Body(), attack.Headers);
            answers.Add((attack.Kind, (int)response.StatusCode));
        });

        await SignUps.DrainAsync(site.Herald);
        foreach (var kind in answers.GroupBy(a => a.Kind).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{kind.Key,-22} {kind.Count(),5} requests: {string.Join(", ", kind.GroupBy(a => a.Status).OrderBy(g => g.Key).Select(g => $"{g.Key} x{g.Count()}"))}");
        }

        Assert.True(attacks.Count >= 2_000, $"only {attacks.Count} requests were generated");
        Assert.Empty(answers.Where(a => a.Status >= 500).Select(a => $"{a.Status} {a.Kind}"));
        Assert.Empty(answers.Where(a => a.Status is < 200 or (> 299 and < 400)).Select(a => $"{a.Status} {a.Kind}"));
        Assert.Equal(before, await SnapshotAsync(site));
        Assert.False(Directory.Exists(site.Herald.Outbox) && Directory.EnumerateFiles(site.Herald.Outbox, "*.eml", SearchOption.AllDirectories).Any(), "a hostile post made Herald send mail");
    }

    private static IEnumerable<Attack> Generate(Random random, string genuineToken)
    {
        (string, string) secret = ("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("herald:" + TestKeys.InboundSecret)));
        string[] badCredentials =
        [
            "", "Basic", "Basic !!!", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("herald:wrong")), "Bearer " + TestKeys.InboundSecret,
            "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(TestKeys.InboundSecret)), "Basic " + new string('A', 5000),
            "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("herald:" + TestKeys.InboundSecret[..^1])),
        ];
        for (var i = 0; i < 200; i++)
        {
            var credentials = badCredentials[i % badCredentials.Length];
            yield return new Attack("credentials", () => Unauthenticated().Content(), credentials.Length == 0 ? [] : [("Authorization", credentials)]);
        }

        string[] contentTypes = ["application/json", "text/plain", "application/x-www-form-urlencoded", "multipart/mixed; boundary=xYzZY", "multipart/form-data", "multipart/form-data; boundary=" + new string('b', 200), "image/png", "multipart/form-data; boundary=\"\""];
        for (var i = 0; i < 160; i++)
        {
            var type = contentTypes[i % contentTypes.Length];
            yield return new Attack("content type", () => Raw(Unauthenticated().Body(), type), [secret]);
        }

        for (var i = 0; i < 300; i++)
        {
            var body = Unauthenticated().Body();
            var variant = i % 6;
            var bytes = variant switch
            {
                0 => body[..random.Next(1, body.Length)], // cut short
                1 => RandomBytes(random, random.Next(1, 4000)),
                2 => Encoding.ASCII.GetBytes("--xYzZY\r\n" + string.Concat(Enumerable.Repeat("X-H: v\r\n", 40)) + "\r\nvalue\r\n--xYzZY--\r\n"),
                3 => Encoding.ASCII.GetBytes("--xYzZY\r\nContent-Disposition: form-data; name=\"subject\"\r\nX-Long: " + new string('h', 10_000) + "\r\n\r\nv\r\n--xYzZY--\r\n"),
                4 => Encoding.ASCII.GetBytes("--other\r\nContent-Disposition: form-data; name=\"from\"\r\n\r\nx\r\n--other--\r\n"),
                _ => Flip(random, body),
            };
            yield return new Attack("broken multipart", () => Raw(bytes, "multipart/form-data; boundary=xYzZY"), [secret]);
        }

        for (var i = 0; i < 40; i++)
        {
            var size = 262_144 + random.Next(1, 100_000);
            yield return new Attack("oversized", () => Raw(new byte[size], "multipart/form-data; boundary=xYzZY"), [secret]);
        }

        string[] envelopes = ["", "{", "[]", "null", "{\"to\": \"not-an-array\", \"from\": 7}", "{\"to\": [" + string.Join(',', Enumerable.Repeat("\"x@y.z\"", 500)) + "]}", new string('[', 500), "{\"to\":[\"white-house-watch+subscribe@" + Domain + "\"],\"from\":\"a@b.c\\r\\nBcc: all@example.com\"}"];
        string[] charsets = ["", "{", "{\"subject\":\"utf-7\"}", "{\"subject\":\"x-no-such-charset\"}", "{\"subject\":\"../../../../etc/passwd\"}", "{\"text\": " + new string('[', 200) + "}", "{\"subject\":\"utf-32BE\",\"text\":\"ibm037\"}"];
        string[] addresses =
        [
            $"white-house-watch+subscribe@{Domain}", $"white-house-watch@{Domain}", $"WHITE-HOUSE-WATCH+SUBSCRIBE@{Domain.ToUpperInvariant()}",
            $"unsubscribe+{genuineToken[..^2]}xx@{Domain}", $"unsubscribe+@{Domain}", $"unsubscribe+{new string('A', 400)}@{Domain}", $"no-such-newsletter@{Domain}",
            $"white-house-watch+subscribe@evil.example", "\"quoted\r\nBcc: x@y.z\"@" + Domain, "<>", "@", $"white-house-watch+subscribe@{Domain}\r\nBcc: everyone@example.com",
            $"unsubscribe+{genuineToken}@evil.example", $"unsubscribe+{genuineToken.ToLowerInvariant()}@{Domain}",
        ];
        string[] bodies =
        [
            "subscribe", "<script>alert(1)</script>", string.Concat(Enumerable.Repeat("<script ", 20_000)), string.Concat(Enumerable.Repeat("<div>", 30_000)),
            "{{ 1 + 1 }}", new string('\0', 1000), "\ud800", "subscribe\r\nBcc: all@example.com",
        ];
        for (var i = 0; i < 1_400; i++)
        {
            var mail = Unauthenticated() with
            {
                To = [addresses[random.Next(addresses.Length)], .. random.Next(4) == 0 ? new[] { addresses[random.Next(addresses.Length)] } : []],
                Subject = Clip(bodies[random.Next(bodies.Length)], 500),
                Text = random.Next(3) == 0 ? null : bodies[random.Next(bodies.Length)],
                Html = random.Next(2) == 0 ? null : bodies[random.Next(bodies.Length)],
                EnvelopeFrom = random.Next(5) == 0 ? "" : $"sender{i}@example.com",
                Raw = random.Next(5) == 0,
                Spf = random.Next(2) == 0 ? "fail" : "none",
                Dkim = random.Next(2) == 0 ? "none" : "{@example.com : fail}",
                SpamScore = random.Next(3) == 0 ? double.NaN : random.NextDouble() * 20,
                Attachments = random.Next(4) == 0 ? [("attachment", "a\r\nb.txt", RandomBytes(random, 2000))] : [],
            };
            var body = TryBody(mail);
            if (body is null)
            {
                continue;
            }

            var envelope = envelopes[random.Next(envelopes.Length)];
            var charset = charsets[random.Next(charsets.Length)];
            var tampered = random.Next(3) switch
            {
                0 => Replace(body, "envelope", envelope),
                1 => Replace(body, "charsets", charset),
                _ => body,
            };
            yield return new Attack(mail.Raw ? "hostile raw mail" : "hostile parsed mail", () => Raw(tampered, "multipart/form-data; boundary=xYzZY"), [secret]);
        }

        string[] robotHeaders = ["Auto-Submitted: auto-replied", "Auto-Submitted: auto-generated", "Precedence: junk", "Precedence: list", "List-Id: <x.example>", "X-Autorespond: yes", "X-Failed-Recipients: a@b.c"];
        for (var i = 0; i < 140; i++)
        {
            var mail = new InboundMail { To = [i % 2 == 0 ? $"white-house-watch@{Domain}" : $"white-house-watch+subscribe@{Domain}"], Subject = i % 3 == 0 ? "subscribe" : "help", EnvelopeFrom = $"robot{i}@example.com", ExtraHeaders = [robotHeaders[i % robotHeaders.Length]], Raw = i % 4 == 0 };
            yield return new Attack("robot", mail.Content, [secret]);
        }
    }

    private static string Clip(string value, int max) => value.Length <= max ? value : value[..max];

    private static InboundMail Unauthenticated() => new() { Spf = "fail", Dkim = "none", Subject = "subscribe" };

    private static byte[]? TryBody(InboundMail mail)
    {
        try
        {
            return mail.Body();
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or MimeKit.ParseException)
        {
            return null; // MimeKit will not even build some of these as raw messages; the parsed variant still goes
        }
    }

    private static byte[] Replace(byte[] body, string field, string value)
    {
        var text = Encoding.UTF8.GetString(body);
        var marker = $"name=\"{field}\"\r\n\r\n";
        var start = text.IndexOf(marker, StringComparison.Ordinal);
        if (start < 0)
        {
            return body;
        }

        start += marker.Length;
        var end = text.IndexOf("\r\n--" + InboundMail.Boundary, start, StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes(text[..start] + value + text[end..]);
    }

    private static byte[] Flip(Random random, byte[] body)
    {
        var copy = (byte[])body.Clone();
        for (var i = 0; i < 20; i++)
        {
            copy[random.Next(copy.Length)] = (byte)random.Next(256);
        }

        return copy;
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static ByteArrayContent Raw(byte[] body, string type)
    {
        var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", type);
        return content;
    }

    private static async Task<string> SnapshotAsync(TestSite site)
    {
        var lines = new List<string>();
        await foreach (var s in site.Herald.Get<SubscriberStore>().ListAsync(null, null, Ct))
        {
            lines.Add($"{s.Email} {string.Join(',', s.Subscriptions.Select(p => $"{p.Key}={p.Value.Status}"))} {s.Name} {s.TimeZone}");
        }

        return string.Join('\n', lines.Order(StringComparer.Ordinal));
    }
}
