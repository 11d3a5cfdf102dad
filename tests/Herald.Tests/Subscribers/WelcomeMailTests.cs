using System.Net;
using Herald.Testing;

namespace Herald.Tests.Subscribers;

/// <summary>A newsletter with a Welcome template greets each reader once they confirm, and only then.</summary>
public class WelcomeMailTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("welcome", 1)]
    [InlineData(null, 0)]
    public async Task Confirming_sends_the_welcome_once_when_the_newsletter_has_one(string? welcome, int expected)
    {
        await using var site = await TestSite.StartAsync(azurite, new Dictionary<string, string?> { ["Herald:Newsletters:0:Welcome"] = welcome });
        using (await site.PostFormAsync("/api/subscribe", ("newsletter", "white-house-watch"), ("email", "new.reader@example.com"), ("name", "Nell")))
        {
        }

        var confirmation = await Eventually.GetAsync(async () => Outbox.MessagesTo(site.Herald.Outbox, "new.reader@example.com").FirstOrDefault(), "the confirmation");
        var confirm = new Uri(Outbox.Link(confirmation, "confirm")).PathAndQuery;
        Assert.DoesNotContain(Outbox.MessagesTo(site.Herald.Outbox, "new.reader@example.com"), m => m.Subject!.StartsWith("Welcome", StringComparison.Ordinal));

        using var first = await site.PostFormAsync(confirm);
        using var second = await site.PostFormAsync(confirm);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        var welcomes = Outbox.MessagesTo(site.Herald.Outbox, "new.reader@example.com").Where(m => m.Subject == "Welcome to White House Watch").ToList();
        Assert.Equal(expected, welcomes.Count);
        if (expected == 1)
        {
            Assert.Contains("Welcome to White House Watch, Nell", welcomes[0].TextBody, StringComparison.Ordinal);
            Assert.Contains("/api/preferences?token=", welcomes[0].TextBody, StringComparison.Ordinal);
            Assert.Contains("/api/unsubscribe?token=", welcomes[0].TextBody, StringComparison.Ordinal);
        }
    }
}
