using Herald.Articles;
using Herald.Configuration;
using Herald.Editions;
using Herald.Editions.Scheduling;
using Herald.Local;
using Herald.Testing;
using Microsoft.Extensions.Options;

namespace Herald.Tests.Editions;

/// <summary>What goes into an edition, on real storage: nothing told twice, a skipped slot kept, one edition however many wake at once.</summary>
public class EditionSelectionTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_story_the_previous_edition_told_is_not_told_again_by_another_outlet_but_a_new_story_is()
    {
        await using var herald = await TestHerald.StartAsync(azurite);
        await new LocalPipeline(herald.Host).RunAsync(Ct); // today's edition, with the Senate deal
        herald.Time.Advance(TimeSpan.FromDays(1));
        var now = herald.Time.GetUtcNow();
        await AddAsync(herald, "retold", "Metro Daily", "White House and Senate leaders reach tentative deal to avert shutdown",
            "The White House and Senate leaders reached a tentative agreement on Tuesday to keep the government funded through January, averting a shutdown that was set to begin at the end of the week.", now);
        await AddAsync(herald, "fresh", "Metro Daily", "Supreme Court agrees to hear a case on state election maps",
            "The Supreme Court agreed on Wednesday to hear a challenge to how three states drew their congressional maps, with arguments set for the spring and a ruling expected by June.", now);
        herald.Time.Advance(TimeSpan.FromMinutes(1));

        var report = await herald.Get<EditionDispatcher>().DispatchAsync(Newsletter(herald), Ct);
        var edition = (await herald.Get<EditionStore>().GetAsync("white-house-watch", "2026-11-26-0600", Ct))!.Value.Value;

        Assert.Equal(EditionOutcome.Queued, report.Outcome);
        Assert.Equal(["Supreme Court agrees to hear a case on state election maps"], edition.Manifest.Select(s => s.Title));
    }

    [Fact]
    public async Task A_slot_with_nothing_new_is_kept_as_skipped_and_the_next_slot_still_comes()
    {
        await using var herald = await TestHerald.StartAsync(azurite);
        await new LocalPipeline(herald.Host).RunAsync(Ct);
        herald.Time.Advance(TimeSpan.FromDays(1));

        var report = await herald.Get<EditionDispatcher>().DispatchAsync(Newsletter(herald), Ct);
        var again = await herald.Get<EditionDispatcher>().DispatchAsync(Newsletter(herald), Ct);
        var skipped = (await herald.Get<EditionStore>().GetAsync("white-house-watch", "2026-11-26-0600", Ct))!.Value.Value;

        Assert.Equal((EditionOutcome.NothingNew, "white-house-watch-20261126-0600", "2026-11-27 06:00 America/New_York"), (report.Outcome, report.EditionId, report.NextSlot));
        Assert.Equal((EditionOutcome.NothingNew, "white-house-watch-20261126-0600"), (again.Outcome, again.EditionId));
        Assert.Equal(EditionStatus.Skipped, skipped.Status);
        Assert.Equal(["2026-11-26-0600", "2026-11-25-0600"], await herald.Get<EditionStore>().ListSlotsAsync("white-house-watch", Ct));
        Assert.Single(await herald.Get<EditionStore>().ListPublishedAsync("white-house-watch", 10, Ct));
    }

    [Fact]
    public async Task Two_wakes_at_the_same_moment_build_and_send_the_slot_once()
    {
        await using var herald = await TestHerald.StartAsync(azurite);
        await SampleSubscribers.ImportAsync(herald.Get<Herald.Subscribers.SubscriberImports>(), Path.Combine(RepositoryPaths.Root, "samples", "white-house-watch", "subscribers.json"), Ct);
        await herald.Get<Herald.Collecting.ArticleCollector>().CollectAsync(Ct);
        herald.Time.Advance(TimeSpan.FromMinutes(5));

        var reports = await Task.WhenAll(
            herald.Get<EditionDispatcher>().DispatchAsync(Newsletter(herald), Ct),
            herald.Get<EditionDispatcher>().DispatchAsync(Newsletter(herald), Ct),
            herald.Get<EditionDispatcher>().DispatchAsync(Newsletter(herald), Ct));
        await herald.Get<EditionDispatcher>().DispatchAsync(Newsletter(herald), Ct); // whichever stopped early is finished by the next wake
        var (_, sent, _) = await new LocalPipeline(herald.Host).SendQueuedAsync(Ct);

        Assert.All(reports, r => Assert.Equal("white-house-watch-20261125-0600", r.EditionId));
        Assert.Equal(["2026-11-25-0600"], await herald.Get<EditionStore>().ListSlotsAsync("white-house-watch", Ct));
        Assert.Equal(3, sent);
        Assert.Equal(3, Directory.GetFiles(herald.Outbox, "*.eml", SearchOption.AllDirectories).Length);
    }

    [Fact]
    public async Task A_preview_of_a_later_slot_renders_it_and_stores_nothing()
    {
        await using var herald = await TestHerald.StartAsync(azurite);
        herald.Time.Advance(TimeSpan.FromHours(1));
        await herald.Get<Herald.Collecting.ArticleCollector>().CollectAsync(Ct);
        var newsletter = Newsletter(herald);
        var slot = NewsletterSchedule.For(newsletter).SlotAt(new DateTimeOffset(2026, 11, 26, 11, 0, 0, TimeSpan.Zero));

        var preview = await herald.Get<EditionBuilder>().RenderAsync(newsletter, slot, "preview", Ct);

        Assert.Equal(("2026-11-26-0600", 9), (preview!.Slot, preview.Stories));
        Assert.Contains("Thursday, November 26, 2026", preview.Html, StringComparison.Ordinal);
        Assert.Empty(await herald.Get<EditionStore>().ListSlotsAsync("white-house-watch", Ct));
        Assert.Null(await herald.Get<EditionStore>().GetLatestAsync("white-house-watch", Ct));
    }

    private static NewsletterOptions Newsletter(TestHerald herald) => herald.Get<IOptions<HeraldOptions>>().Value.Newsletters[0];

    private static async Task AddAsync(TestHerald herald, string id, string source, string title, string text, DateTimeOffset at)
    {
        var article = new Article
        {
            Id = $"{id}-{at:yyyyMMdd}",
            Url = $"https://metrodaily.example/{id}",
            CanonicalUrl = $"https://metrodaily.example/{id}",
            Title = title,
            Source = source,
            Text = text,
            PublishedAt = at.AddMinutes(-30),
            CollectedAt = at,
            Tags = ["us-politics", "white-house"],
            Summary = new ArticleSummary(text.Split(". ")[0], text, "extractive", at),
        };
        Assert.True(await herald.Get<ArticleStore>().AddAsync(article, Ct));
    }
}
