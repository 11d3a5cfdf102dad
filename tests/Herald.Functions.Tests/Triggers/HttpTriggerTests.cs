using System.Net;
using System.Text;
using System.Text.Json;
using Herald.Delivery;
using Herald.Functions.Tests.Infrastructure;
using Herald.Mail;
using Herald.Subscribers;
using Herald.Testing;

namespace Herald.Functions.Tests.Triggers;

/// <summary>
/// The HTTP functions as the host serves them: the client's request proxied to the worker's HttpUri, path and query
/// unchanged, with x-ms-invocation-id, while the InvocationRequest goes over the stream; both halves checked.
/// </summary>
public sealed class HttpTriggerTests(AzuriteFixture azurite, PublishedApp app)
{
    private const string Newsletter = "white-house-watch";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_reader_signs_up_by_the_form_confirms_by_the_pages_button_and_leaves_by_one_click()
    {
        await using var deployment = await Deployment.StartAsync(azurite, app, cancellationToken: Ct);
        var worker = deployment.Worker;

        var signUp = await worker.InvokeHttpAsync("Subscribe", Form("/api/subscribe", ("newsletter", Newsletter), ("email", "new.reader@example.com")), Ct);
        Assert.True(signUp.Invocation.Succeeded, signUp.Invocation.ToString());
        Assert.Equal(HttpStatusCode.OK, signUp.Status);
        Assert.Contains("Check your inbox", signUp.Body, StringComparison.Ordinal);

        // The sign-up waits on its queue; the host's listener hands it to ProcessSignUp.
        var processed = Assert.Single(await new QueueTriggerListener(worker, app, "ProcessSignUp").DrainAsync(Ct));
        Assert.True(processed.Invocation.Succeeded, processed.Invocation.ToString());
        var confirmation = Assert.Single(Outbox.MessagesTo(deployment.Outbox, "new.reader@example.com"));
        var confirmLink = new Uri(Outbox.Link(confirmation, "confirm"));

        var opened = await worker.InvokeHttpAsync("Confirm", new HttpRequestMessage(HttpMethod.Get, confirmLink.PathAndQuery), Ct);
        Assert.True(opened.Invocation.Succeeded, opened.Invocation.ToString());
        Assert.Equal(HttpStatusCode.OK, opened.Status);
        Assert.Contains("<form method=\"post\"", opened.Body, StringComparison.Ordinal);
        Assert.Equal(SubscriberStatus.Pending, await StatusAsync(deployment, "new.reader@example.com"));

        var pressed = await worker.InvokeHttpAsync("Confirm", Form(confirmLink.PathAndQuery), Ct);
        Assert.True(pressed.Invocation.Succeeded, pressed.Invocation.ToString());
        Assert.Equal(HttpStatusCode.OK, pressed.Status);
        Assert.Contains("You are subscribed", pressed.Body, StringComparison.Ordinal);
        Assert.Equal("no-store", pressed.Headers.CacheControl?.ToString());
        Assert.Equal(SubscriberStatus.Active, await StatusAsync(deployment, "new.reader@example.com"));

        // RFC 8058: the mail client POSTs "List-Unsubscribe=One-Click" to the List-Unsubscribe URL.
        var reader = await deployment.Get<SubscriberStore>().GetAsync(EmailAddresses.IdOf("new.reader@example.com"), Ct);
        var token = deployment.Get<SubscriberTokens>().Create(TokenPurpose.Unsubscribe, Newsletter, reader!.Id);
        var left = await worker.InvokeHttpAsync("Unsubscribe", Form("/api/unsubscribe?token=" + Uri.EscapeDataString(token), ("List-Unsubscribe", "One-Click")), Ct);
        Assert.True(left.Invocation.Succeeded, left.Invocation.ToString());
        Assert.Equal(HttpStatusCode.OK, left.Status);
        Assert.Equal(SubscriberStatus.Unsubscribed, await StatusAsync(deployment, "new.reader@example.com"));
    }

    [Fact]
    public async Task The_subscribe_page_takes_its_newsletter_from_the_route()
    {
        await using var deployment = await Deployment.StartAsync(azurite, app, cancellationToken: Ct);

        var page = await deployment.Worker.InvokeHttpAsync("SubscribePage", new HttpRequestMessage(HttpMethod.Get, "/api/subscribe/" + Newsletter), Ct);
        var unknown = await deployment.Worker.InvokeHttpAsync("SubscribePage", new HttpRequestMessage(HttpMethod.Get, "/api/subscribe/no-such-letter"), Ct);

        Assert.True(page.Invocation.Succeeded, page.Invocation.ToString());
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains($"name=\"newsletter\" value=\"{Newsletter}\"", page.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
    }

    [Fact]
    public async Task A_signed_SendGrid_bounce_suppresses_the_reader_and_an_unsigned_post_is_refused()
    {
        await using var deployment = await Deployment.StartAsync(azurite, app, cancellationToken: Ct);
        await deployment.Get<SubscriberImports>().AddConfirmedAsync(Newsletter, "bounced@example.com", "test", Ct);
        const string body = """[{"email":"bounced@example.com","event":"bounce","type":"bounce","sg_event_id":"bounce-1","herald_newsletter":"white-house-watch","herald_edition":"white-house-watch-20261203-0600"}]""";

        var unsigned = await deployment.Worker.InvokeHttpAsync("SendGridEvents", Json("/api/events/sendgrid", body), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.Status);
        Assert.Equal(SubscriberStatus.Active, await StatusAsync(deployment, "bounced@example.com"));

        var (signature, timestamp) = WebhookSigner.Sign(deployment.WebhookKey, body, DateTimeOffset.UtcNow);
        var signed = Json("/api/events/sendgrid", body);
        signed.Headers.Add(SendGridWebhookVerifier.SignatureHeader, signature);
        signed.Headers.Add(SendGridWebhookVerifier.TimestampHeader, timestamp);
        var taken = await deployment.Worker.InvokeHttpAsync("SendGridEvents", signed, Ct);

        Assert.True(taken.Invocation.Succeeded, taken.Invocation.ToString());
        Assert.Equal(HttpStatusCode.OK, taken.Status);
        Assert.Equal(1, JsonDocument.Parse(taken.Body).RootElement.GetProperty("new").GetInt32());
        Assert.Equal(SubscriberStatus.Suppressed, await StatusAsync(deployment, "bounced@example.com"));
        Assert.Equal(1, (await deployment.Get<DeliveryLedger>().GetStatsAsync("white-house-watch-20261203-0600", Ct)).Bounced);
    }

    [Fact]
    public async Task An_Inbound_Parse_post_to_the_subscribe_address_queues_a_sign_up_that_mails_a_confirmation()
    {
        await using var deployment = await Deployment.StartAsync(azurite, app, cancellationToken: Ct);
        var to = $"{Newsletter}+subscribe@{AppSettings.InboundParseDomain}";

        var refused = await deployment.Worker.InvokeHttpAsync("InboundEmail", new HttpRequestMessage(HttpMethod.Post, "/api/inbound/email") { Content = new InboundMail { EnvelopeFrom = "ann@example.com", From = "ann@example.com", To = [to], Subject = "hello", Text = "Please add me." }.Content() }, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);

        var post = new HttpRequestMessage(HttpMethod.Post, "/api/inbound/email") { Content = new InboundMail { EnvelopeFrom = "ann@example.com", From = "ann@example.com", To = [to], Subject = "hello", Text = "Please add me." }.Content() };
        post.Headers.Authorization = InboundMail.Credentials(AppSettings.InboundSecret);
        var taken = await deployment.Worker.InvokeHttpAsync("InboundEmail", post, Ct);

        Assert.True(taken.Invocation.Succeeded, taken.Invocation.ToString());
        Assert.Equal(HttpStatusCode.OK, taken.Status);
        Assert.Equal("subscribe", JsonDocument.Parse(taken.Body).RootElement.GetProperty("kind").GetString());
        var processed = Assert.Single(await new QueueTriggerListener(deployment.Worker, app, "ProcessSignUp").DrainAsync(Ct));
        Assert.True(processed.Invocation.Succeeded, processed.Invocation.ToString());
        Assert.StartsWith("Confirm your subscription", Assert.Single(Outbox.MessagesTo(deployment.Outbox, "ann@example.com")).Subject, StringComparison.Ordinal);
        Assert.Equal(SubscriberStatus.Pending, await StatusAsync(deployment, "ann@example.com"));
    }

    /// <summary>A form post as a browser sends it, through the front end that adds the client's address.</summary>
    private static HttpRequestMessage Form(string pathAndQuery, params (string Name, string Value)[] fields)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, pathAndQuery) { Content = new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value))) };
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        return request;
    }

    private static HttpRequestMessage Json(string path, string body) =>
        new(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    private static async Task<SubscriberStatus?> StatusAsync(Deployment deployment, string email) =>
        (await deployment.Get<SubscriberStore>().GetAsync(EmailAddresses.IdOf(email), Ct))?.StatusFor(Newsletter);
}
