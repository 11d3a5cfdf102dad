using System.Net;
using System.Text;
using System.Text.Json;
using Herald.Inbound;
using Herald.Local;
using Herald.Mail;
using Herald.Subscribers;
using Herald.Testing;

namespace Herald.Tests.Inbound;

/// <summary>
/// Subscribing and unsubscribing by email through SendGrid Inbound Parse, posted as SendGrid posts it to the handler
/// on "herald serve": the double opt-in by mail, the mailto unsubscribe of a real digest, forged tokens, robots that
/// get no answer, one help reply a day, HTML-only and raw MIME mail, and who may post at all.
/// </summary>
public class InboundEmailTests(AzuriteFixture azurite)
{
    private const string Domain = InboundMail.ParseDomain;
    private const string Path = "/api/inbound/email";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Dictionary<string, string?> Settings(bool signed = false) => new()
    {
        ["Inbound:ParseDomain"] = Domain,
        ["Inbound:Secret"] = TestKeys.InboundSecret,
        ["Inbound:SendGridPublicKey"] = signed ? TestKeys.InboundParsePublicKey : null,
    };

    private static (string, string) Credentials(string secret = TestKeys.InboundSecret) =>
        ("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("herald:" + secret)));

    private static async Task<(HttpStatusCode Status, string Kind, string Result)> PostAsync(TestSite site, InboundMail mail)
    {
        using var response = await site.SendAsync(HttpMethod.Post, Path, mail.Content(), Credentials());
        var body = await response.Content.ReadAsStringAsync(Ct);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return (response.StatusCode, "", body);
        }

        using var json = JsonDocument.Parse(body);
        return (response.StatusCode, json.RootElement.GetProperty("kind").GetString()!, json.RootElement.GetProperty("result").GetString()!);
    }

    [Fact]
    public async Task Subscribing_by_mail_confirming_and_leaving_by_the_digests_mailto_address_stops_the_next_digest()
    {
        await using var site = await TestSite.StartAsync(azurite, Settings());
        var mail = new InboundMail { EnvelopeFrom = "ann@example.com", From = "Ann Example <ann@example.com>", To = [$"white-house-watch+subscribe@{Domain}"], Subject = "hello", Text = "Please add me." };

        var posted = await PostAsync(site, mail);
        Assert.Equal((HttpStatusCode.OK, "subscribe"), (posted.Status, posted.Kind));
        var confirmation = await Eventually.GetAsync(async () => Outbox.MessagesTo(site.Herald.Outbox, "ann@example.com").FirstOrDefault(), "the confirmation");
        Assert.StartsWith("Confirm your subscription", confirmation.Subject, StringComparison.Ordinal);
        Assert.Equal(SubscriberStatus.Pending, (await Reader(site, "ann@example.com"))!.StatusFor("white-house-watch"));

        // SendGrid posts the same mail again (it retries what it thinks failed): one request, one confirmation.
        await PostAsync(site, mail);
        await SignUps.DrainAsync(site.Herald);
        Assert.Single(Outbox.MessagesTo(site.Herald.Outbox, "ann@example.com"));

        site.Herald.Time.Advance(TimeSpan.FromMinutes(2));
        using (await site.PostFormAsync(new Uri(Outbox.Link(confirmation, "confirm")).PathAndQuery))
        {
        }

        var reader = (await Reader(site, "ann@example.com"))!;
        Assert.Equal((SubscriberStatus.Active, "Ann Example"), (reader.StatusFor("white-house-watch"), reader.Name));
        await new LocalPipeline(site.Herald.Host).RunAsync(Ct);
        var digest = Assert.Single(Outbox.MessagesTo(site.Herald.Outbox, "ann@example.com"), m => m.Headers["List-Unsubscribe"] is not null);
        var mailto = System.Text.RegularExpressions.Regex.Match(digest.Headers["List-Unsubscribe"]!, "<mailto:([^>]+)>").Groups[1].Value;
        Assert.StartsWith("unsubscribe+", mailto, StringComparison.Ordinal);
        Assert.EndsWith("@" + Domain, mailto, StringComparison.Ordinal);

        // A mail client's unsubscribe: no subject, no body, and from a server whose SPF and DKIM fail - still honoured.
        var leave = await PostAsync(site, new InboundMail { EnvelopeFrom = "ann@example.com", To = [mailto], Spf = "fail", Dkim = "none", SpamScore = 12 });
        Assert.Equal(("unsubscribe", "unsubscribed"), (leave.Kind, leave.Result));
        Assert.Equal(SubscriberStatus.Unsubscribed, (await Reader(site, "ann@example.com"))!.StatusFor("white-house-watch"));
        Assert.Equal(("unsubscribe", "already unsubscribed"), ((await PostAsync(site, new InboundMail { To = [mailto] })).Kind, (await PostAsync(site, new InboundMail { To = [mailto] })).Result));

        site.Herald.Time.Advance(TimeSpan.FromDays(1));
        await new LocalPipeline(site.Herald.Host).RunAsync(Ct);
        Assert.Single(Outbox.MessagesTo(site.Herald.Outbox, "ann@example.com"), m => m.Headers["List-Unsubscribe"] is not null);
    }

    [Fact]
    public async Task A_forged_or_misused_unsubscribe_address_changes_nobody()
    {
        await using var site = await TestSite.StartAsync(azurite, Settings());
        var (victim, _) = await site.Herald.Get<SubscriberImports>().AddConfirmedAsync("white-house-watch", "victim@example.com", "test", Ct);
        var tokens = site.Herald.Get<SubscriberTokens>();
        var genuine = tokens.Create(TokenPurpose.Unsubscribe, "white-house-watch", victim!.Id);
        var tampered = genuine[..^3] + (genuine[^3] == 'A' ? 'B' : 'A') + genuine[^2..];
        var forged = new SubscriberTokens(
            Microsoft.Extensions.Options.Options.Create(new Herald.Configuration.HeraldOptions { SigningKey = new string('k', 40), Newsletters = site.Herald.Get<Microsoft.Extensions.Options.IOptions<Herald.Configuration.HeraldOptions>>().Value.Newsletters }),
            site.Herald.Time).Create(TokenPurpose.Unsubscribe, "white-house-watch", victim.Id);
        var otherPurpose = tokens.Create(TokenPurpose.Preferences, "white-house-watch", victim.Id);

        foreach (var token in new[] { tampered, forged, otherPurpose, "", "../../etc", new string('A', 300) })
        {
            var answer = await PostAsync(site, new InboundMail { EnvelopeFrom = "attacker@example.net", To = [$"unsubscribe+{token}@{Domain}"], Subject = "unsubscribe" });
            Assert.Equal(HttpStatusCode.OK, answer.Status);
            Assert.NotEqual("unsubscribe", answer.Kind);
        }

        Assert.Equal(SubscriberStatus.Active, (await Reader(site, "victim@example.com"))!.StatusFor("white-house-watch"));
        Assert.Empty(Outbox.MessagesTo(site.Herald.Outbox, "victim@example.com"));
    }

    [Theory]
    [InlineData("auto-reply", "Auto-Submitted: auto-replied", "reader@example.com")]
    [InlineData("vacation", "X-Autoreply: yes", "reader@example.com")]
    [InlineData("bounce", "Content-Type: multipart/report; report-type=delivery-status", "")]
    [InlineData("mailer-daemon", "X-Failed-Recipients: someone@example.com", "MAILER-DAEMON@mx.example.com")]
    [InlineData("list mail", "List-Id: <news.lists.example.com>", "reader@example.com")]
    [InlineData("bulk", "Precedence: bulk", "reader@example.com")]
    public async Task Robots_get_no_reply_and_start_no_subscription(string kind, string header, string envelopeFrom)
    {
        await using var site = await TestSite.StartAsync(azurite, Settings());
        foreach (var (to, subject) in new[] { ($"white-house-watch@{Domain}", "help"), ($"white-house-watch@{Domain}", "subscribe"), ($"white-house-watch+subscribe@{Domain}", kind) })
        {
            var answer = await PostAsync(site, new InboundMail { EnvelopeFrom = envelopeFrom, To = [to], Subject = subject, Text = "I am away until Monday.", ExtraHeaders = [header] });
            Assert.Equal((HttpStatusCode.OK, "ignored"), (answer.Status, answer.Kind));
        }

        await SignUps.DrainAsync(site.Herald);
        Assert.False(Directory.Exists(site.Herald.Outbox) && Directory.EnumerateFiles(site.Herald.Outbox, "*.eml", SearchOption.AllDirectories).Any(), $"{kind}: something was sent");
        Assert.Null(await Reader(site, "reader@example.com"));
    }

    [Theory]
    [InlineData("fail", "none", 0.5, "neither SPF nor DKIM passed")]
    [InlineData("softfail", "{@example.com : fail}", 0.5, "neither SPF nor DKIM passed")]
    [InlineData("pass", "{@example.com : pass}", 9.5, "spam score 9.5 is over 5")]
    public async Task Mail_that_may_be_forged_or_is_spam_starts_nothing(string spf, string dkim, double spamScore, string reason)
    {
        await using var site = await TestSite.StartAsync(azurite, Settings());
        var answer = await PostAsync(site, new InboundMail { To = [$"white-house-watch+subscribe@{Domain}"], Spf = spf, Dkim = dkim, SpamScore = spamScore });
        var help = await PostAsync(site, new InboundMail { To = [$"white-house-watch@{Domain}"], Subject = "help", Spf = spf, Dkim = dkim, SpamScore = spamScore });

        Assert.Equal("ignored", answer.Kind);
        Assert.StartsWith(reason, answer.Result, StringComparison.Ordinal);
        Assert.Equal("ignored", help.Kind);
        await SignUps.DrainAsync(site.Herald);
        Assert.Null(await Reader(site, "reader@example.com"));
        Assert.Empty(Outbox.MessagesTo(site.Herald.Outbox, "reader@example.com"));
    }

    [Fact]
    public async Task Anything_else_gets_one_short_reply_a_day_marked_as_automatic_in_the_writers_own_charset()
    {
        await using var site = await TestSite.StartAsync(azurite, Settings());
        var question = new InboundMail { EnvelopeFrom = "curious@example.com", From = "curious@example.com", Subject = "Grüße aus Köln", SubjectCharset = "iso-8859-1", Text = "How does this work?" };

        var first = await PostAsync(site, question);
        var second = await PostAsync(site, question with { MessageId = "<second@mail.example.com>" });

        Assert.Equal(("help", "replied with the commands"), (first.Kind, first.Result));
        Assert.Equal(("help", "already replied to this address today"), (second.Kind, second.Result));
        var reply = Assert.Single(Outbox.MessagesTo(site.Herald.Outbox, "curious@example.com"));
        Assert.Equal("Re: Grüße aus Köln", reply.Subject);
        Assert.Equal("auto-replied", reply.Headers["Auto-Submitted"]);
        Assert.Equal(question.MessageId, reply.Headers["In-Reply-To"]);
        Assert.Contains($"white-house-watch+subscribe@{Domain}", reply.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("/api/unsubscribe", reply.TextBody, StringComparison.Ordinal);

        site.Herald.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal("replied with the commands", (await PostAsync(site, question with { MessageId = "<third@mail.example.com>" })).Result);
        Assert.Equal(2, Outbox.MessagesTo(site.Herald.Outbox, "curious@example.com").Count);
    }

    [Fact]
    public async Task A_subscriber_who_writes_unsubscribe_to_the_newsletter_gets_their_own_link_by_mail()
    {
        await using var site = await TestSite.StartAsync(azurite, Settings());
        var (reader, _) = await site.Herald.Get<SubscriberImports>().AddConfirmedAsync("white-house-watch", "bob@example.com", "test", Ct);

        var answer = await PostAsync(site, new InboundMail { EnvelopeFrom = "bob@example.com", From = "bob@example.com", Subject = "Re: unsubscribe" });

        Assert.Equal(("help", "replied with the reader's unsubscribe link"), (answer.Kind, answer.Result));
        var reply = Assert.Single(Outbox.MessagesTo(site.Herald.Outbox, "bob@example.com"));
        using (await site.PostFormAsync(new Uri(Outbox.Link(reply, "unsubscribe")).PathAndQuery))
        {
        }

        Assert.Equal(SubscriberStatus.Unsubscribed, (await Reader(site, "bob@example.com"))!.StatusFor("white-house-watch"));
        Assert.Equal(reader!.Id, EmailAddresses.IdOf("bob@example.com"));
    }

    [Fact]
    public async Task Html_only_mail_raw_mime_and_attachments_are_read_and_the_attachments_never_kept()
    {
        await using var site = await TestSite.StartAsync(azurite, Settings());
        var attachment = ("attachment", "invoice.pdf.exe", Encoding.ASCII.GetBytes("MZ not really a program"));
        var html = await PostAsync(site, new InboundMail
        {
            EnvelopeFrom = "html@example.com",
            From = "html@example.com",
            Html = "<html><head><style>p{}</style></head><body><div>Subscribe</div><div>--<br>Sent from my phone</div></body></html>",
            Attachments = [attachment],
        });
        var raw = await PostAsync(site, new InboundMail
        {
            Raw = true,
            EnvelopeFrom = "raw@example.com",
            From = "Raw Reader <raw@example.com>",
            Subject = "subscribe",
            Text = "subscribe",
            Attachments = [attachment],
        });

        Assert.Equal(("subscribe", "subscribe"), (html.Kind, raw.Kind));
        await SignUps.DrainAsync(site.Herald);
        Assert.Single(Outbox.MessagesTo(site.Herald.Outbox, "html@example.com"));
        Assert.Single(Outbox.MessagesTo(site.Herald.Outbox, "raw@example.com"));
        Assert.Equal("Raw Reader", (await Reader(site, "raw@example.com"))!.Name);
        Assert.Empty(Directory.EnumerateFiles(site.Herald.DataDirectory, "invoice*", SearchOption.AllDirectories));
        var counts = await site.Herald.Get<InboundLog>().CountAsync(1, Ct);
        Assert.Equal(2, counts[InboundOutcome.Subscribe]);
    }

    [Fact]
    public async Task Only_the_secret_holder_and_a_fresh_unreplayed_signature_get_in()
    {
        await using var site = await TestSite.StartAsync(azurite, Settings(signed: true));
        var mail = new InboundMail { Subject = "help" };
        var body = mail.Body();
        async Task<HttpResponseMessage> Post((string, string)[] headers) =>
            await site.SendAsync(HttpMethod.Post, Path, Content(body), headers);

        using var none = await Post([]);
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.StartsWith("Basic", none.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        using var wrongSecret = await Post([Credentials("not-the-secret-at-all-0123456789")]);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongSecret.StatusCode);
        using var unsigned = await Post([Credentials()]);
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);

        var (signature, timestamp) = WebhookSigner.Sign(TestKeys.InboundParse, body, site.Herald.Time.GetUtcNow());
        var (otherSignature, _) = WebhookSigner.Sign(TestKeys.Webhook, body, site.Herald.Time.GetUtcNow());
        var (staleSignature, staleTimestamp) = WebhookSigner.Sign(TestKeys.InboundParse, body, site.Herald.Time.GetUtcNow().AddMinutes(-30));
        using var forged = await Post([Credentials(), ("X-Twilio-Email-Event-Webhook-Signature", otherSignature), ("X-Twilio-Email-Event-Webhook-Timestamp", timestamp)]);
        using var stale = await Post([Credentials(), ("X-Twilio-Email-Event-Webhook-Signature", staleSignature), ("X-Twilio-Email-Event-Webhook-Timestamp", staleTimestamp)]);
        using var genuine = await Post([Credentials(), ("X-Twilio-Email-Event-Webhook-Signature", signature), ("X-Twilio-Email-Event-Webhook-Timestamp", timestamp)]);
        using var replayed = await Post([Credentials(), ("X-Twilio-Email-Event-Webhook-Signature", signature), ("X-Twilio-Email-Event-Webhook-Timestamp", timestamp)]);

        Assert.Equal(
            (HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.OK, HttpStatusCode.Forbidden),
            (forged.StatusCode, stale.StatusCode, genuine.StatusCode, replayed.StatusCode));
        Assert.Contains("received before", await replayed.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Single(Outbox.MessagesTo(site.Herald.Outbox, "reader@example.com"));

        using var huge = await site.SendAsync(HttpMethod.Post, Path, Content(new byte[9 * 1024 * 1024]), Credentials());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
    }

    [Fact]
    public async Task Without_a_parse_domain_the_route_receives_nothing_and_a_domain_without_credentials_does_not_start()
    {
        await using (var site = await TestSite.StartAsync(azurite))
        {
            using var response = await site.SendAsync(HttpMethod.Post, Path, new InboundMail().Content(), Credentials());
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        var failure = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => TestHerald.StartAsync(azurite, new Dictionary<string, string?> { ["Inbound:ParseDomain"] = Domain }));
        Assert.Contains("Inbound:ParseDomain is set but nothing authenticates", failure.Message, StringComparison.Ordinal);
    }

    private static ByteArrayContent Content(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={InboundMail.Boundary}");
        return content;
    }

    private static Task<Subscriber?> Reader(TestSite site, string address) => site.Herald.Get<SubscriberStore>().GetAsync(EmailAddresses.IdOf(address), Ct);
}
