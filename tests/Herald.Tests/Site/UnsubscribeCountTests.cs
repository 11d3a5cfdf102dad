using System.Net;
using Herald.Delivery;
using Herald.Local;
using Herald.Testing;

namespace Herald.Tests.Site;

/// <summary>A reader who leaves through an edition's unsubscribe link is counted for that edition, once.</summary>
public class UnsubscribeCountTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Leaving_through_a_digests_link_counts_for_its_edition_once_whatever_is_pressed_again()
    {
        await using var site = await TestSite.StartAsync(azurite);
        var report = await new LocalPipeline(site.Herald.Host).RunAsync(Ct);
        var editionId = Assert.Single(report.Editions).EditionId;
        var digest = Assert.Single(Outbox.MessagesTo(site.Herald.Outbox, "ada.reader@example.com"));
        var link = new Uri(Outbox.Link(digest, "unsubscribe"));
        Assert.Contains($"&edition={editionId}", link.Query, StringComparison.Ordinal);
        Assert.Contains($"&edition={editionId}", digest.Headers["List-Unsubscribe"], StringComparison.Ordinal);

        using var page = await site.Client.GetAsync(link.PathAndQuery, Ct);
        var form = System.Text.RegularExpressions.Regex.Match(await page.Content.ReadAsStringAsync(Ct), "action=\"([^\"]+)\"").Groups[1].Value;
        using var pressed = await site.PostFormAsync(WebUtility.HtmlDecode(form));
        using var oneClick = await site.PostFormAsync(link.PathAndQuery, ("List-Unsubscribe", "One-Click"));
        using var forged = await site.PostFormAsync(link.PathAndQuery.Replace(editionId, "capitol-brief-20261125-0600", StringComparison.Ordinal));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK), (pressed.StatusCode, oneClick.StatusCode, forged.StatusCode));
        Assert.Equal(1, (await site.Herald.Get<DeliveryLedger>().GetStatsAsync(editionId, Ct)).Unsubscribed);
    }
}
