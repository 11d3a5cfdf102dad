using Herald.Articles;
using Herald.Collecting;
using Herald.Editions;
using Herald.Testing;

namespace Herald.Tests.Collecting;

/// <summary>
/// A tagging rule changed after articles were stored reaches them through re-tagging: the run reports what no newsletter
/// takes, a new rule given to the stored articles brings one into the next edition, and the feed's own tags stay.
/// </summary>
public class RetagTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_run_reports_what_no_newsletter_takes_and_retag_applies_a_new_rule_to_stored_articles()
    {
        var prefix = AzuriteFixture.UniquePrefix();
        CollectReport collected;
        await using (var before = await TestHerald.StartAsync(azurite, prefix: prefix))
        {
            collected = await before.Get<ArticleCollector>().CollectAsync(Ct);
        }

        // The winter storm report carries "news" and "weather": no newsletter of the sample takes either.
        var storm = Assert.Single(collected.Unmatched, u => u.Title.StartsWith("Early winter storm", StringComparison.Ordinal));
        Assert.DoesNotContain("white-house", storm.Tags);

        // A rule that gives "white-house" to storm news, and the newsletter takes it. Nothing is collected again.
        await using var after = await TestHerald.StartAsync(azurite, prefix: prefix, settings: new Dictionary<string, string?>
        {
            ["Herald:Tagging:Rules:2:Tag"] = "white-house",
            ["Herald:Tagging:Rules:2:Phrases:0"] = "winter storms",
            ["Herald:Tagging:Rules:2:Threshold"] = "1",
        });
        var report = await after.Get<ArticleRetagger>().RetagAsync(TimeSpan.FromDays(7), Ct);
        var again = await after.Get<ArticleRetagger>().RetagAsync(TimeSpan.FromDays(7), Ct);

        Assert.Equal(15, report.Articles);
        Assert.Equal(1, report.Changed);
        Assert.Equal((0, 15), (again.Changed, again.Unchanged));
        var row = Assert.Single(await after.Get<ArticleStore>().ListCollectedAsync(TestHerald.SampleNow.AddDays(-7), TestHerald.SampleNow, Ct), r => r.Title.StartsWith("Early winter storm", StringComparison.Ordinal));
        Assert.Equal(["news", "weather", "white-house"], row.TagList);
        var stored = (await after.Get<ArticleStore>().GetAsync(row.BlobName, Ct))!.Value.Article;
        Assert.Equal(["news", "weather", "white-house"], stored.Tags);

        var report2 = await after.Get<EditionDispatcher>().DispatchAllAsync(Ct);
        var edition = (await after.Get<EditionStore>().GetAsync("white-house-watch", Assert.Single(report2).Slot!, Ct))!.Value.Value;
        Assert.Contains(edition.Manifest, s => s.Title.StartsWith("Early winter storm", StringComparison.Ordinal));
    }
}
