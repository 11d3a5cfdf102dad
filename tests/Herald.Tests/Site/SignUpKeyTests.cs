using System.Net;
using Herald.Mail;
using Herald.Storage;
using Herald.Subscribers;
using Herald.Testing;

namespace Herald.Tests.Site;

/// <summary>Sign-up's keys: one client is one rate-limit key however its address is spelled, and a look-alike domain is refused, saying why.</summary>
public class SignUpKeyTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("203.0.113.13", "::ffff:203.0.113.13")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2:ffff:ffff:ffff:ffff")]
    public async Task One_client_gets_one_clients_limit_however_its_address_is_spelled(string first, string second)
    {
        await using var site = await TestSite.StartAsync(azurite, new Dictionary<string, string?> { ["Site:ClientIpHeader"] = "X-Forwarded-For", ["Site:SignUpsPerClientPerMinute"] = "2" });

        var statuses = new List<HttpStatusCode>();
        foreach (var (address, n) in new[] { (first, 1), (second, 2), (second, 3) })
        {
            using var response = await site.SendAsync(HttpMethod.Post, "/api/subscribe", Form(("newsletter", "white-house-watch"), ("email", $"reader{n}@example.com")), ("X-Forwarded-For", address));
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task A_domain_mixing_Latin_and_Cyrillic_letters_is_refused_at_sign_up_saying_so()
    {
        await using var site = await TestSite.StartAsync(azurite);

        using var response = await site.PostJsonAsync("/api/subscribe", """{"newsletter":"white-house-watch","email":"joe@ex\u0430mple.com"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("mixes letters of different alphabets (Cyrillic and Latin", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        await site.Herald.Get<HeraldStorage>().EnsureCreatedAsync(); // a queue no request has written to yet
        await SignUps.DrainAsync(site.Herald);
        Assert.Null(await site.Herald.Get<SubscriberStore>().GetAsync(EmailAddresses.IdOf("joe@xn--exmple-4nf.com"), Ct));
    }

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) => new(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)));
}
