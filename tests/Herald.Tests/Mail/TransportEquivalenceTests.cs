using Herald.Collecting;
using Herald.Configuration;
using Herald.Delivery;
using Herald.Editions;
using Herald.Local;
using Herald.Mail;
using Herald.Subscribers;
using Herald.Testing;
using Microsoft.Extensions.Options;

namespace Herald.Tests.Mail;

/// <summary>What SendGrid assembles from a request — content with each personalization's substitutions — is the message the outbox and SMTP write.</summary>
public class TransportEquivalenceTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_sendgrid_personalization_expands_to_the_same_bodies_and_headers_as_the_mime_message()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sink = await SendGridSink.StartAsync();
        sink.KeepBodies = true;
        await using var herald = await TestHerald.StartAsync(azurite, new Dictionary<string, string?>
        {
            ["Delivery:Mode"] = "SendGrid",
                ["Delivery:SendGridWebhookPublicKey"] = TestKeys.WebhookPublicKey,
            ["Delivery:SendGridApiKey"] = "SG.equivalence",
            ["Delivery:SendGridHost"] = sink.Url.AbsoluteUri,
            ["Inbound:ParseDomain"] = "parse.herald.example",
            ["Inbound:Secret"] = TestKeys.InboundSecret,
        });
        var (reader, _) = await herald.Get<SubscriberImports>().AddConfirmedAsync("white-house-watch", "zoe@example.com", "test", ct);
        reader!.Name = "Zoë & \"Co\"";
        await herald.Get<SubscriberStore>().UpdateAsync(reader, ct);
        await herald.Get<ArticleCollector>().CollectAsync(ct);
        herald.Time.Advance(TimeSpan.FromMinutes(5));
        await herald.Get<EditionDispatcher>().DispatchAllAsync(ct);
        await new LocalPipeline(herald.Host).SendQueuedAsync(ct);

        var request = Assert.Single(sink.AcceptedBodies).RootElement;
        var personalization = Assert.Single(request.GetProperty("personalizations").EnumerateArray());
        var substitutions = personalization.GetProperty("substitutions").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        string Expand(string type) => substitutions.Aggregate(
            request.GetProperty("content").EnumerateArray().Single(c => c.GetProperty("type").GetString() == type).GetProperty("value").GetString()!,
            (content, s) => content.Replace(s.Key, s.Value, StringComparison.Ordinal));

        var newsletter = herald.Get<IOptions<HeraldOptions>>().Value.Newsletters[0];
        var edition = (await herald.Get<EditionStore>().GetAsync("white-house-watch", "2026-11-25-0600", ct))!.Value.Value;
        var recipient = herald.Get<DigestMail>().Recipient(newsletter, edition, new Recipient(reader.Id, reader.Email, reader.Name));
        var mime = MimeMessages.Build(DigestMail.Content(newsletter, edition, 1), recipient, herald.Time.GetUtcNow());

        Assert.Equal(mime.TextBody!.Replace("\r\n", "\n", StringComparison.Ordinal), Expand("text/plain").Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.Equal(mime.HtmlBody!.Replace("\r\n", "\n", StringComparison.Ordinal), Expand("text/html").Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.Equal(mime.Subject, request.GetProperty("subject").GetString());
        Assert.Equal(mime.Headers["List-Unsubscribe"], personalization.GetProperty("headers").GetProperty("List-Unsubscribe").GetString());
        Assert.Contains("mailto:unsubscribe+", mime.Headers["List-Unsubscribe"], StringComparison.Ordinal);
        foreach (var header in new[] { "List-Unsubscribe-Post", "List-Id" })
        {
            Assert.Equal(mime.Headers[header], request.GetProperty("headers").GetProperty(header).GetString());
        }

        Assert.Equal(("Zoë & \"Co\"", "zoe@example.com"), (personalization.GetProperty("to")[0].GetProperty("name").GetString(), personalization.GetProperty("to")[0].GetProperty("email").GetString()));
        Assert.Equal("white-house-watch-20261125-0600", personalization.GetProperty("custom_args").GetProperty("herald_edition").GetString());
    }
}
