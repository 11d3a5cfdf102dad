using Herald.Site;
using Herald.Subscribers;
using Herald.Tests.Infrastructure;

namespace Herald.Tests.Site;

/// <summary>The pages behind the links: what a reader sees, and where each form posts.</summary>
public class SubscriptionPagesTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_sign_up_form_posts_to_the_subscribe_route()
    {
        await using var herald = await TestHerald.StartAsync(azurite);

        var page = herald.Get<SubscriptionPages>().SubscribeForm("white-house-watch");

        Assert.Equal(200, page.StatusCode);
        Assert.Contains("action=\"/api/subscribe\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("name=\"newsletter\" value=\"white-house-watch\"", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_newsletter_has_no_form()
    {
        await using var herald = await TestHerald.StartAsync(azurite);

        var page = herald.Get<SubscriptionPages>().SubscribeForm("no-such-newsletter");

        Assert.Equal(404, page.StatusCode);
        Assert.DoesNotContain("<form", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_unsubscribe_button_posts_back_to_the_same_link()
    {
        await using var herald = await TestHerald.StartAsync(azurite);
        var token = herald.Get<SubscriberTokens>().Create(TokenPurpose.Unsubscribe, "white-house-watch", Herald.Mail.EmailAddresses.IdOf("reader@example.com"));

        var page = herald.Get<SubscriptionPages>().UnsubscribeForm(token);

        Assert.Contains($"action=\"/api/unsubscribe?token={Uri.EscapeDataString(token)}\"", page.Html, StringComparison.Ordinal);
    }
}
