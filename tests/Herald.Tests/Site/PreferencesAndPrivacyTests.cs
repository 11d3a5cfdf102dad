using System.Net;
using System.Text.Json;
using Herald.Local;
using Herald.Mail;
using Herald.Subscribers;
using Herald.Testing;

namespace Herald.Tests.Site;

/// <summary>A reader's own page and data: newsletters on and off, their name, leaving everything, export and erasure.</summary>
public class PreferencesAndPrivacyTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Dictionary<string, string?> TwoNewsletters => SecondNewsletter.Settings();

    [Fact]
    public async Task The_preferences_page_switches_newsletters_and_the_name_and_leaves_all()
    {
        await using var site = await TestSite.StartAsync(azurite, TwoNewsletters);
        var (reader, _) = await site.Herald.Get<SubscriberImports>().AddConfirmedAsync("white-house-watch", "reader@example.com", "test", Ct);
        var path = "/api/preferences?token=" + site.Herald.Get<SubscriberTokens>().Create(TokenPurpose.Preferences, "white-house-watch", reader!.Id);

        using var page = await site.Client.GetAsync(path, Ct);
        var html = await page.Content.ReadAsStringAsync(Ct);
        Assert.Contains("value=\"white-house-watch\" checked", html, StringComparison.Ordinal);
        Assert.Contains("value=\"capitol-brief\">", html, StringComparison.Ordinal);

        using var switched = await site.PostFormAsync(path, ("newsletter", "capitol-brief"), ("name", "Ada"));
        var after = await site.Herald.Get<SubscriberStore>().GetAsync(reader.Id, Ct);
        Assert.Equal(HttpStatusCode.OK, switched.StatusCode);
        Assert.Equal((SubscriberStatus.Unsubscribed, SubscriberStatus.Active, "Ada"), (after!.StatusFor("white-house-watch"), after.StatusFor("capitol-brief"), after.Name));
        var opted = await site.Herald.Get<SubscriberStore>().OptedOutSinceAsync("white-house-watch", site.Herald.Time.GetUtcNow().AddMinutes(-1), Ct);
        Assert.Contains(reader.Id, opted);

        using var left = await site.PostFormAsync(path, ("action", "leave-all"));
        var gone = await site.Herald.Get<SubscriberStore>().GetAsync(reader.Id, Ct);
        Assert.Contains("You left every newsletter", await left.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal((SubscriberStatus.Unsubscribed, SubscriberStatus.Unsubscribed), (gone!.StatusFor("white-house-watch"), gone.StatusFor("capitol-brief")));
    }

    [Fact]
    public async Task A_reader_chooses_their_time_zone_for_a_newsletter_sent_in_each_readers_morning()
    {
        await using var site = await TestSite.StartAsync(azurite, new Dictionary<string, string?> { ["Herald:Newsletters:0:ReaderTime"] = "06:30" });
        var (reader, _) = await site.Herald.Get<SubscriberImports>().AddConfirmedAsync("white-house-watch", "zone@example.com", "test", Ct);
        var path = "/api/preferences?token=" + site.Herald.Get<SubscriberTokens>().Create(TokenPurpose.Preferences, "white-house-watch", reader!.Id);

        var html = await site.Client.GetStringAsync(path, Ct);
        Assert.Contains("arrives at 06:30 your time", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"\" selected>The newsletter&#39;s own (America/New_York)</option>", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"Asia/Kolkata\">Asia/Kolkata</option>", html, StringComparison.Ordinal);

        using var chosen = await site.PostFormAsync(path, ("newsletter", "white-house-watch"), ("timeZone", "Asia/Kolkata"));
        Assert.Equal(HttpStatusCode.OK, chosen.StatusCode);
        Assert.Equal("Asia/Kolkata", (await site.Herald.Get<SubscriberStore>().GetAsync(reader.Id, Ct))!.TimeZone);
        Assert.Contains("<option value=\"Asia/Kolkata\" selected>", await chosen.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        using var forged = await site.PostFormAsync(path, ("newsletter", "white-house-watch"), ("timeZone", "../../etc/localtime"));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal("Asia/Kolkata", (await site.Herald.Get<SubscriberStore>().GetAsync(reader.Id, Ct))!.TimeZone);

        using var leaveAll = await site.PostFormAsync(path, ("action", "leave-all"));
        Assert.Equal("Asia/Kolkata", (await site.Herald.Get<SubscriberStore>().GetAsync(reader.Id, Ct))!.TimeZone); // leaving keeps the choice

        using var reset = await site.PostFormAsync(path, ("newsletter", "white-house-watch"), ("timeZone", ""));
        Assert.Null((await site.Herald.Get<SubscriberStore>().GetAsync(reader.Id, Ct))!.TimeZone);
    }

    [Fact]
    public async Task Without_a_reader_time_the_preferences_page_asks_for_no_time_zone()
    {
        await using var site = await TestSite.StartAsync(azurite);
        var (reader, _) = await site.Herald.Get<SubscriberImports>().AddConfirmedAsync("white-house-watch", "plain@example.com", "test", Ct);
        var html = await site.Client.GetStringAsync("/api/preferences?token=" + site.Herald.Get<SubscriberTokens>().Create(TokenPurpose.Preferences, "white-house-watch", reader!.Id), Ct);

        Assert.DoesNotContain("<select", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reader_downloads_their_data_and_erases_it_leaving_only_a_suppression_hash()
    {
        await using var site = await TestSite.StartAsync(azurite);
        using (var subscribe = await site.PostFormAsync("/api/subscribe", ("newsletter", "white-house-watch"), ("email", "private@example.com")))
        {
        }

        var confirmation = await Eventually.GetAsync(async () => Outbox.MessagesTo(site.Herald.Outbox, "private@example.com").FirstOrDefault(), "the confirmation");
        site.Herald.Time.Advance(TimeSpan.FromMinutes(2));
        using (await site.PostFormAsync(new Uri(Outbox.Link(confirmation, "confirm")).PathAndQuery))
        {
        }

        var id = EmailAddresses.IdOf("private@example.com");
        await new LocalPipeline(site.Herald.Host).RunAsync(Ct);
        site.Herald.Time.Advance(TimeSpan.FromMinutes(2));
        await site.Herald.Get<OptOutService>().SuppressAsync(id, "bounce", Ct);
        var token = site.Herald.Get<SubscriberTokens>().Create(TokenPurpose.Preferences, "white-house-watch", id);

        using var export = await site.Client.GetAsync("/api/privacy/export?token=" + token, Ct);
        using var data = JsonDocument.Parse(await export.Content.ReadAsStringAsync(Ct));
        Assert.Equal("attachment", export.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("private@example.com", data.RootElement.GetProperty("email").GetString());
        Assert.Equal(["requested", "confirmed", "suppressed"], data.RootElement.GetProperty("consent").EnumerateArray().Select(c => c.GetProperty("action").GetString()));
        Assert.True(data.RootElement.GetProperty("suppressed").GetBoolean());

        using var button = await site.Client.GetAsync("/api/privacy/erase?token=" + token, Ct);
        Assert.NotNull(await site.Herald.Get<SubscriberStore>().GetAsync(id, Ct)); // opening the link erases nothing
        using var erased = await site.PostFormAsync("/api/privacy/erase?token=" + token);

        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        Assert.Null(await site.Herald.Get<SubscriberStore>().GetAsync(id, Ct));
        Assert.Empty(await site.Herald.Get<ConsentLog>().ListAsync(id, Ct).ToListAsync(Ct));
        Assert.Empty(Directory.GetFiles(site.Herald.Outbox, id + "*", SearchOption.AllDirectories));
        Assert.True(await site.Herald.Get<SuppressionList>().ContainsAsync(id, Ct));
        var (again, added) = await site.Herald.Get<SubscriberImports>().AddConfirmedAsync("white-house-watch", "private@example.com", "import", Ct);
        Assert.False(added); // an erased, bounced address is not mailed again
    }

    [Fact]
    public async Task A_suppressed_address_is_lifted_only_by_a_fresh_double_opt_in()
    {
        await using var site = await TestSite.StartAsync(azurite);
        var (reader, _) = await site.Herald.Get<SubscriberImports>().AddConfirmedAsync("white-house-watch", "back@example.com", "test", Ct);
        await site.Herald.Get<OptOutService>().SuppressAsync(reader!.Id, "bounce", Ct);

        using (await site.PostFormAsync("/api/subscribe", ("newsletter", "white-house-watch"), ("email", "back@example.com")))
        {
        }

        var confirmation = await Eventually.GetAsync(async () => Outbox.MessagesTo(site.Herald.Outbox, "back@example.com").FirstOrDefault(), "the confirmation");
        Assert.True(await site.Herald.Get<SuppressionList>().ContainsAsync(reader.Id, Ct));
        using var confirmed = await site.PostFormAsync(new Uri(Outbox.Link(confirmation, "confirm")).PathAndQuery);

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.False(await site.Herald.Get<SuppressionList>().ContainsAsync(reader.Id, Ct));
        Assert.Equal(SubscriberStatus.Active, (await site.Herald.Get<SubscriberStore>().GetAsync(reader.Id, Ct))!.StatusFor("white-house-watch"));
    }

    [Fact]
    public async Task A_link_scanner_that_opens_every_link_confirms_and_unsubscribes_nobody()
    {
        await using var site = await TestSite.StartAsync(azurite);
        using (var subscribe = await site.PostFormAsync("/api/subscribe", ("newsletter", "white-house-watch"), ("email", "scanned@example.com")))
        {
        }

        var confirmation = await Eventually.GetAsync(async () => Outbox.MessagesTo(site.Herald.Outbox, "scanned@example.com").FirstOrDefault(), "the confirmation");
        var id = EmailAddresses.IdOf("scanned@example.com");
        var (reader, _) = await site.Herald.Get<SubscriberImports>().AddConfirmedAsync("white-house-watch", "active@example.com", "test", Ct);
        await new LocalPipeline(site.Herald.Host).RunAsync(Ct);
        var digest = Outbox.MessagesTo(site.Herald.Outbox, "active@example.com").Single(m => m.Subject!.StartsWith("White House Watch:", StringComparison.Ordinal));

        var scanned = 0;
        foreach (var link in Outbox.Links(confirmation).Concat(Outbox.Links(digest)).Where(l => l.StartsWith(site.Url.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal)))
        {
            using var response = await site.Client.GetAsync(new Uri(link).PathAndQuery, Ct);
            Assert.True((int)response.StatusCode < 500, $"{link}: {(int)response.StatusCode}");
            scanned++;
        }

        Assert.True(scanned >= 4, $"only {scanned} of the mails' links were on the site");
        Assert.Equal(SubscriberStatus.Pending, (await site.Herald.Get<SubscriberStore>().GetAsync(id, Ct))!.StatusFor("white-house-watch"));
        Assert.Equal(SubscriberStatus.Active, (await site.Herald.Get<SubscriberStore>().GetAsync(reader!.Id, Ct))!.StatusFor("white-house-watch"));
    }
}
