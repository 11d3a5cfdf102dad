using System.Net;
using Herald.Mail;
using Herald.Queues;
using Herald.Storage;
using Herald.Subscribers;
using Herald.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Tests.Site;

/// <summary>Sign-up through the site as "herald serve" hosts it: forms and JSON, limits, origins, traps, and one subscriber per mailbox.</summary>
public class SignUpTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_json_sign_up_is_accepted_with_202_and_confirmed_by_the_pages_post()
    {
        await using var site = await TestSite.StartAsync(azurite);

        using var response = await site.PostJsonAsync("/api/subscribe", """{"newsletter":"white-house-watch","email":"api.reader@example.com","name":"Api Reader"}""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Contains("\"status\":\"pending\"", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var mail = await Eventually.GetAsync(async () => Outbox.MessagesTo(site.Herald.Outbox, "api.reader@example.com").FirstOrDefault(), "the confirmation email");
        var link = new Uri(Outbox.Link(mail, "confirm"));
        using var pressed = await site.PostFormAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, pressed.StatusCode);
        var subscriber = await site.Herald.Get<SubscriberStore>().GetAsync(EmailAddresses.IdOf("api.reader@example.com"), Ct);
        Assert.Equal((SubscriberStatus.Active, "Api Reader"), (subscriber!.StatusFor("white-house-watch"), subscriber.Name));
    }

    [Theory]
    [InlineData("ｊｏｅ＠ｅｘａｍｐｌｅ．ｃｏｍ")] // full-width
    [InlineData("joe@EXAMPLE.com")]
    [InlineData("  joe@example.com  ")]
    public async Task Variants_of_one_address_are_one_subscriber(string variant)
    {
        await using var site = await TestSite.StartAsync(azurite);

        using var first = await site.PostFormAsync("/api/subscribe", ("newsletter", "white-house-watch"), ("email", "joe@example.com"));
        using var second = await site.PostFormAsync("/api/subscribe", ("newsletter", "white-house-watch"), ("email", variant));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        await Eventually.GetAsync(async () => await site.Herald.Get<SubscriberStore>().GetAsync(EmailAddresses.IdOf("joe@example.com"), Ct), "the subscriber");
        await Eventually.GetAsync(() => Task.FromResult(site.Server.SignUpsHandled >= 2 ? "both" : null), "both sign-ups handled");
        var all = new List<Subscriber>();
        await foreach (var s in site.Herald.Get<SubscriberStore>().ListAsync(null, null, Ct))
        {
            all.Add(s);
        }

        Assert.Equal("joe@example.com", Assert.Single(all).Email);
    }

    [Fact]
    public async Task Composed_and_decomposed_accents_and_an_internationalized_domain_are_one_subscriber_stored_in_both_forms()
    {
        var composed = "zoe@caf\u00e9.example";
        var decomposed = "zoe@cafe\u0301.example";

        Assert.Equal(EmailAddresses.Normalize(composed), EmailAddresses.Normalize(decomposed));
        Assert.Equal(("zoe@xn--caf-dma.example", composed), EmailAddresses.Parse(decomposed)!.Value);
        await using var site = await TestSite.StartAsync(azurite);
        using var response = await site.PostFormAsync("/api/subscribe", ("newsletter", "white-house-watch"), ("email", decomposed));
        var subscriber = await Eventually.GetAsync(async () => await site.Herald.Get<SubscriberStore>().GetAsync(EmailAddresses.IdOf("zoe@xn--caf-dma.example"), Ct), "the subscriber");
        Assert.Equal(("zoe@xn--caf-dma.example", composed), (subscriber.Email, subscriber.EmailUnicode));
    }

    [Theory]
    [InlineData("user@[127.0.0.1]")]
    [InlineData("jo\u200Be@example.com")] // zero-width space
    [InlineData("joe@example.com\r\nBcc: victim@example.com")]
    [InlineData("\"quoted local\"@example.com")]
    [InlineData("jöe@example.com")] // non-ASCII local part
    [InlineData("joe@123.45")]
    public async Task Address_tricks_are_refused(string address)
    {
        await using var site = await TestSite.StartAsync(azurite);

        using var response = await site.PostFormAsync("/api/subscribe", ("newsletter", "white-house-watch"), ("email", address));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_filled_trap_field_gets_the_same_answer_and_nothing_happens()
    {
        await using var site = await TestSite.StartAsync(azurite);

        using var response = await site.PostFormAsync("/api/subscribe", ("newsletter", "white-house-watch"), ("email", "bot@example.com"), ("website", "http://spam.example"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Check your inbox", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        await site.Herald.Get<HeraldStorage>().EnsureCreatedAsync();
        Assert.Equal(0, (await site.Herald.Get<HeraldStorage>().SignUpQueue.GetPropertiesAsync(Ct)).Value.ApproximateMessagesCount);
        Assert.Empty(Outbox.MessagesTo(site.Herald.Outbox, "bot@example.com"));
    }

    [Theory]
    [InlineData("Origin", "https://evil.example")]
    [InlineData("Origin", "null")]
    [InlineData("Referer", "https://evil.example/page")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    public async Task A_post_from_another_sites_page_is_refused(string header, string value)
    {
        await using var site = await TestSite.StartAsync(azurite);

        using var response = await site.SendAsync(HttpMethod.Post, "/api/subscribe", new FormUrlEncodedContent([new("newsletter", "white-house-watch"), new("email", "a@example.com")]), (header, value));
        using var nullOrigin = await site.SendAsync(HttpMethod.Post, "/api/subscribe", new FormUrlEncodedContent([new("newsletter", "white-house-watch"), new("email", "a@example.com")]), (header, value), ("Origin", "null"));

        Assert.Equal(HttpStatusCode.Forbidden, nullOrigin.StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_post_from_the_sites_own_page_or_from_no_page_is_accepted()
    {
        await using var site = await TestSite.StartAsync(azurite);

        using var own = await site.SendAsync(HttpMethod.Post, "/api/subscribe", new FormUrlEncodedContent([new("newsletter", "white-house-watch"), new("email", "a@example.com")]), ("Origin", site.Url.GetLeftPart(UriPartial.Authority)));
        using var none = await site.PostFormAsync("/api/subscribe", ("newsletter", "white-house-watch"), ("email", "b@example.com"));
        // What Chromium sends from the site's own page, whose Referrer-Policy is no-referrer.
        using var noReferrer = await site.SendAsync(HttpMethod.Post, "/api/subscribe", new FormUrlEncodedContent([new("newsletter", "white-house-watch"), new("email", "c@example.com")]), ("Origin", "null"), ("Sec-Fetch-Site", "same-origin"));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK), (own.StatusCode, none.StatusCode, noReferrer.StatusCode));
    }

    [Fact]
    public async Task A_post_from_the_page_of_the_host_it_was_sent_to_is_accepted_when_links_name_another_host()
    {
        // "herald serve --port 7399" with links pointing at https://news.example: the form served on 127.0.0.1:7399 still works.
        await using var site = await TestSite.StartAsync(azurite, new Dictionary<string, string?> { ["Herald:PublicBaseUrl"] = "https://news.example" });

        using var served = await site.SendAsync(HttpMethod.Post, "/api/subscribe", new FormUrlEncodedContent([new("newsletter", "white-house-watch"), new("email", "a@example.com")]), ("Origin", site.Url.GetLeftPart(UriPartial.Authority)));
        using var linked = await site.SendAsync(HttpMethod.Post, "/api/subscribe", new FormUrlEncodedContent([new("newsletter", "white-house-watch"), new("email", "b@example.com")]), ("Origin", "https://news.example"));
        using var other = await site.SendAsync(HttpMethod.Post, "/api/subscribe", new FormUrlEncodedContent([new("newsletter", "white-house-watch"), new("email", "c@example.com")]), ("Origin", "http://127.0.0.1:1"));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Forbidden), (served.StatusCode, linked.StatusCode, other.StatusCode));
    }

    [Fact]
    public async Task Too_many_sign_ups_from_one_client_are_answered_429_with_retry_after()
    {
        await using var site = await TestSite.StartAsync(azurite, new Dictionary<string, string?> { ["Site:SignUpsPerClientPerMinute"] = "3" });
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var response = await site.PostFormAsync("/api/subscribe", ("newsletter", "white-house-watch"), ("email", $"r{i}@example.com"));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
            }
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task An_address_signed_up_again_and_again_is_limited_and_mailed_once()
    {
        await using var site = await TestSite.StartAsync(azurite, new Dictionary<string, string?> { ["Site:SignUpsPerAddressPerHour"] = "2" });
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await site.PostFormAsync("/api/subscribe", ("newsletter", "white-house-watch"), ("email", "target@example.com"));
            statuses.Add(response.StatusCode);
        }

        await Eventually.GetAsync(async () => Outbox.MessagesTo(site.Herald.Outbox, "target@example.com").FirstOrDefault(), "the confirmation");
        await Eventually.GetAsync(() => Task.FromResult(site.Server.SignUpsHandled >= 2 ? "both" : null), "both accepted sign-ups handled");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.Single(Outbox.MessagesTo(site.Herald.Outbox, "target@example.com")); // the store re-sends at most every 15 minutes
    }

    [Fact]
    public async Task An_old_confirm_link_never_brings_back_someone_who_left()
    {
        await using var site = await TestSite.StartAsync(azurite);
        using (await site.PostFormAsync("/api/subscribe", ("newsletter", "white-house-watch"), ("email", "leaver@example.com")))
        {
        }

        var confirmation = await Eventually.GetAsync(async () => Outbox.MessagesTo(site.Herald.Outbox, "leaver@example.com").FirstOrDefault(), "the confirmation");
        var confirm = new Uri(Outbox.Link(confirmation, "confirm")).PathAndQuery;
        using (await site.PostFormAsync(confirm))
        {
        }

        var id = EmailAddresses.IdOf("leaver@example.com");
        var unsubscribe = site.Herald.Get<SubscriberTokens>().Create(TokenPurpose.Unsubscribe, "white-house-watch", id);
        using (await site.PostFormAsync("/api/unsubscribe?token=" + unsubscribe))
        {
        }

        using var again = await site.PostFormAsync(confirm);

        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal(SubscriberStatus.Unsubscribed, (await site.Herald.Get<SubscriberStore>().GetAsync(id, Ct))!.StatusFor("white-house-watch"));
    }

    [Fact]
    public async Task A_new_request_voids_the_previous_confirm_link()
    {
        await using var site = await TestSite.StartAsync(azurite);
        using (await site.PostFormAsync("/api/subscribe", ("newsletter", "white-house-watch"), ("email", "twice@example.com")))
        {
        }

        var first = await Eventually.GetAsync(async () => Outbox.MessagesTo(site.Herald.Outbox, "twice@example.com").FirstOrDefault(), "the first confirmation");
        site.Herald.Time.Advance(TimeSpan.FromMinutes(20));
        using (await site.PostFormAsync("/api/subscribe", ("newsletter", "white-house-watch"), ("email", "twice@example.com")))
        {
        }

        await Eventually.GetAsync(async () => Outbox.MessagesTo(site.Herald.Outbox, "twice@example.com").Skip(1).FirstOrDefault(), "the second confirmation");

        using var old = await site.PostFormAsync(new Uri(Outbox.Link(first, "confirm")).PathAndQuery);
        Assert.Equal(HttpStatusCode.BadRequest, old.StatusCode);
        using var current = await site.PostFormAsync(new Uri(Outbox.Link(Outbox.MessagesTo(site.Herald.Outbox, "twice@example.com")[^1], "confirm")).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
    }

    [Fact]
    public async Task Pages_carry_the_security_headers()
    {
        await using var site = await TestSite.StartAsync(azurite);

        using var response = await site.Client.GetAsync("/api/subscribe/white-house-watch", Ct);

        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.True(response.Headers.CacheControl?.NoStore);
    }
    [Fact]
    public async Task The_answer_is_the_same_whether_the_address_is_new_pending_active_unsubscribed_or_suppressed()
    {
        await using var site = await TestSite.StartAsync(azurite);
        await site.Herald.Get<SignUpService>().RequestAsync(new SignUpRequest("white-house-watch", "pending@example.com", null, "form", null, site.Herald.Time.GetUtcNow()), Ct);
        var (active, _) = await site.Herald.Get<SubscriberImports>().AddConfirmedAsync("white-house-watch", "active@example.com", "test", Ct);
        var (left, _) = await site.Herald.Get<SubscriberImports>().AddConfirmedAsync("white-house-watch", "left@example.com", "test", Ct);
        await site.Herald.Get<OptOutService>().UnsubscribeAsync(left!, "white-house-watch", "test", Ct);
        var (bounced, _) = await site.Herald.Get<SubscriberImports>().AddConfirmedAsync("white-house-watch", "bounced@example.com", "test", Ct);
        await site.Herald.Get<OptOutService>().SuppressAsync(bounced!.Id, "bounce", Ct);

        var answers = new List<string>();
        foreach (var address in new[] { "new@example.com", "pending@example.com", "active@example.com", "left@example.com", "bounced@example.com" })
        {
            foreach (var json in new[] { false, true })
            {
                using var response = json
                    ? await site.PostJsonAsync("/api/subscribe", $$"""{"newsletter":"white-house-watch","email":"{{address}}"}""")
                    : await site.PostFormAsync("/api/subscribe", ("newsletter", "white-house-watch"), ("email", address));
                answers.Add($"{json} {(int)response.StatusCode} {response.Content.Headers.ContentType} {await response.Content.ReadAsStringAsync(Ct)}");
            }
        }

        Assert.Equal(2, answers.Distinct(StringComparer.Ordinal).Count()); // one for forms, one for JSON
        Assert.NotNull(active);
    }

    [Fact]
    public async Task A_sign_up_whose_attempt_dies_before_mailing_is_mailed_by_its_retry_and_by_nothing_else()
    {
        var failures = 1;
        await using var herald = await TestHerald.StartAsync(azurite, services: s => s.AddSingleton<IMailSender>(sp => new MailSenderThatDies(ActivatorUtilities.CreateInstance<MailSender>(sp), () => Interlocked.Decrement(ref failures) >= 0)));
        var request = new SignUpRequest("white-house-watch", "retry@example.com", null, "form", null, herald.Time.GetUtcNow(), "request-1");

        await Assert.ThrowsAsync<IOException>(() => herald.Get<SignUpService>().RequestAsync(request, Ct)); // stored, then died before the mail went
        await herald.Get<SignUpService>().RequestAsync(request with { RequestId = "request-2" }, Ct);      // the form sent again: owes no mail
        var beforeRetry = Outbox.MessagesTo(herald.Outbox, "retry@example.com").Count;
        await herald.Get<SignUpService>().RequestAsync(request, Ct);                                       // the queue's retry of the first
        await herald.Get<SignUpService>().RequestAsync(request, Ct);                                       // and a redelivery after it

        Assert.Equal(0, beforeRetry);
        var mail = Assert.Single(Outbox.MessagesTo(herald.Outbox, "retry@example.com"));
        var subscriber = await herald.Get<SubscriberStore>().GetAsync(EmailAddresses.IdOf("retry@example.com"), Ct);
        Assert.Equal(SubscriberStatus.Pending, subscriber!.StatusFor("white-house-watch"));
        Assert.NotNull(subscriber.Subscriptions["white-house-watch"].ConfirmationSentAt);
        Assert.Equal(ChangeOutcome.Done, await herald.Get<ConfirmationService>().ConfirmAsync(new Uri(Outbox.Link(mail, "confirm")).Query.Split("token=")[1], null, Ct));
    }

    /// <summary>The instance dying at the worst line: after the request is stored, before its mail is handed over.</summary>
    private sealed class MailSenderThatDies(IMailSender inner, Func<bool> dies) : IMailSender
    {
        public Task SendAsync(MailContent content, MailRecipient recipient, CancellationToken cancellationToken) =>
            dies() ? throw new IOException("the instance died") : inner.SendAsync(content, recipient, cancellationToken);
    }
}
