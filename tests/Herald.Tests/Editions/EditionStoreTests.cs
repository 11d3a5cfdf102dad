using Herald.Editions;
using Herald.Testing;

namespace Herald.Tests.Editions;

/// <summary>Editions and the "latest" pointer on a real Azurite: created once, replaced only by who read the current version.</summary>
public class EditionStoreTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Edition Edition(DateOnly date, string subject = "White House Watch: news") => new()
    {
        Id = $"white-house-watch-{date:yyyyMMdd}-0600",
        NewsletterId = "white-house-watch",
        Slot = $"{date:yyyy-MM-dd}-0600",
        SlotAt = new DateTimeOffset(date.ToDateTime(new TimeOnly(11, 0)), TimeSpan.Zero),
        Date = date,
        WindowStart = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(-1),
        WindowEnd = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
        ArticleIds = ["a1"],
        Subject = subject,
        Html = "<p>news</p>",
        Text = "news",
        BuiltAt = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
    };

    [Fact]
    public async Task An_edition_is_created_once()
    {
        await using var herald = await TestHerald.StartAsync(azurite);
        var store = herald.Get<EditionStore>();
        var day = new DateOnly(2026, 11, 25);

        Assert.True(await store.TryCreateAsync(Edition(day), Ct));
        Assert.False(await store.TryCreateAsync(Edition(day, "another subject"), Ct));

        Assert.Equal("White House Watch: news", (await store.GetAsync("white-house-watch", "2026-11-25-0600", Ct))!.Value.Value.Subject);
    }

    [Fact]
    public async Task A_replacement_from_a_stale_read_is_refused()
    {
        await using var herald = await TestHerald.StartAsync(azurite);
        var store = herald.Get<EditionStore>();
        var day = new DateOnly(2026, 11, 25);
        await store.TryCreateAsync(Edition(day), Ct);
        var (read, etag) = (await store.GetAsync("white-house-watch", "2026-11-25-0600", Ct))!.Value;

        Assert.True(await store.TryReplaceAsync(read with { Status = EditionStatus.Queued }, etag, Ct));
        Assert.False(await store.TryReplaceAsync(read with { Recipients = 99 }, etag, Ct));

        Assert.Equal((EditionStatus.Queued, 0), ((await store.GetAsync("white-house-watch", "2026-11-25-0600", Ct))!.Value.Value is var e ? (e.Status, e.Recipients) : default));
    }

    [Fact]
    public async Task The_latest_pointer_only_moves_forward()
    {
        await using var herald = await TestHerald.StartAsync(azurite);
        var store = herald.Get<EditionStore>();
        var later = new EditionPointer("white-house-watch-20261126-0600", "2026-11-26-0600", new DateTimeOffset(2026, 11, 26, 11, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 26, 11, 0, 0, TimeSpan.Zero));
        var earlier = new EditionPointer("white-house-watch-20261125-0600", "2026-11-25-0600", new DateTimeOffset(2026, 11, 25, 11, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 25, 11, 0, 0, TimeSpan.Zero));

        await store.AdvanceLatestAsync("white-house-watch", later, Ct);
        await store.AdvanceLatestAsync("white-house-watch", earlier, Ct);

        Assert.Equal(later, (await store.GetLatestAsync("white-house-watch", Ct))!.Value.Value);
    }
}
