using Herald.Collecting;

namespace Herald.UnitTests.Collecting;

/// <summary>A site's repeated lines: found by repetition across its pages, within a run and across runs, never by wording.</summary>
public class SiteLinesTests
{
    private const string Standing = "Capitol Wire is an independent newsroom covering Congress and the courts.";

    private static string Page(int n, params string[] extra) =>
        string.Join("\n\n", new[] { $"The Senate voted {n} times on the measure, which leaders said would pass by Friday after talks on amendment {n}.", $"Committee {n} reported progress on the spending plan." }.Concat(extra));

    [Fact]
    public void A_line_on_three_pages_of_one_run_goes_from_all_of_them()
    {
        var lines = new SiteLines();

        var texts = lines.RemoveRepeated([Page(1, Standing), Page(2, Standing.ToUpperInvariant()), Page(3, "  " + Standing.Replace(" ", "  ", StringComparison.Ordinal))]);

        Assert.All(texts, t => Assert.DoesNotContain("independent newsroom", t, StringComparison.OrdinalIgnoreCase));
        Assert.All(texts, t => Assert.Contains("Committee", t, StringComparison.Ordinal));
    }

    [Fact]
    public void A_line_on_two_pages_stays_a_story_and_its_update_may_share_a_paragraph()
    {
        var texts = new SiteLines().RemoveRepeated([Page(1, Standing), Page(2, Standing), Page(3)]);

        Assert.Equal(2, texts.Count(t => t.Contains(Standing, StringComparison.Ordinal)));
    }

    [Fact]
    public void Pages_of_earlier_runs_count_through_the_remembered_state()
    {
        var first = new SiteLines();
        first.RemoveRepeated([Page(1, Standing)]);
        var second = SiteLines.Parse(first.Serialize());
        second.RemoveRepeated([Page(2, Standing)]);
        var third = SiteLines.Parse(second.Serialize());

        var texts = third.RemoveRepeated([Page(3, Standing)]);

        Assert.DoesNotContain(Standing, texts[0], StringComparison.Ordinal);
        Assert.Contains("Committee 3", texts[0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_shared_paragraph_is_content_and_a_text_is_never_emptied()
    {
        var quoted = string.Join(' ', Enumerable.Repeat("The full statement from the White House press office read in part as follows.", 5));
        var lines = new SiteLines();

        var texts = lines.RemoveRepeated([Page(1, quoted), Page(2, quoted), Page(3, quoted), Standing, Standing, Standing]);

        Assert.All(texts.Take(3), t => Assert.Contains(quoted, t, StringComparison.Ordinal));
        Assert.All(texts.Skip(3), t => Assert.Equal(Standing, t));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("zzzzzzzzzzzz:3;abc:1;0123456789ab:-4;0123456789ab:99999999999")]
    [InlineData(";;;:")]
    public void Hostile_or_broken_state_is_ignored(string state)
    {
        Assert.Equal(0, SiteLines.Parse(state).Count);
    }

    [Fact]
    public void The_memory_is_bounded_the_least_recently_seen_forgotten_first()
    {
        var lines = new SiteLines();
        lines.RemoveRepeated([.. Enumerable.Range(0, SiteLines.MaxRemembered + 50).Select(i => $"Line number {i} of the site.")]);
        lines.RemoveRepeated(["Line number 100 of the site."]); // lines 0 to 49 were forgotten; 100 is remembered

        var state = lines.Serialize();
        Assert.Equal(SiteLines.MaxRemembered, SiteLines.Parse(state).Count);
        Assert.True(state.Length < 32_000, $"{state.Length} characters: one table property holds 32K");
        Assert.EndsWith(":2", state, StringComparison.Ordinal); // seen again: the most recent
    }
}
