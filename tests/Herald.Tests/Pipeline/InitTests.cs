using Herald.Cli.Commands;
using Herald.Testing;

namespace Herald.Tests.Pipeline;

/// <summary>
/// "herald init" as a new operator uses it: answering its questions on a terminal, or with every answer as an option in
/// a script; either way the newsletter it makes is one "herald run" collects and delivers.
/// </summary>
public class InitTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Init_with_options_makes_a_newsletter_that_run_collects_and_delivers()
    {
        var (folder, feed) = await FeedAsync();
        var desk = Path.Combine(folder, "climate-desk");

        var init = await HeraldProcess.RunAsync(
            ["init", desk, "--title", "Climate Desk", "--feed", feed, "--keyword", "flood", "--keyword", "sea level", "--time-zone", "Europe/London", "--at", "06:30", "--from", "desk@climate.example", "--postal-address", "1 Example Street, London", "--subscriber", "editor@climate.example"],
            [],
            TimeSpan.FromMinutes(1));

        Assert.True(init.ExitCode == 0, init.Output + init.Errors);
        Assert.Contains("✓ Coast Watch: 4 items; categories: coast", init.Output, StringComparison.Ordinal);
        Assert.Contains($"./herald run --config {Path.Combine(desk, "herald.json")}", init.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(desk, "templates", "digest.html.scriban")));
        await AssertRunDeliversAsync(desk, "editor@climate.example", expectedStories: 3);
    }

    [Fact]
    public async Task Init_on_a_terminal_asks_checks_each_feed_and_makes_a_newsletter_that_run_delivers()
    {
        var (folder, feed) = await FeedAsync();
        var desk = Path.Combine(folder, "desk");

        var (exitCode, screen) = await TerminalSession.ConverseAsync(
            $"init {desk}",
            [
                ("Newsletter title", "Climate Desk"),
                ("Id", ""),
                ("own network", "n"),
                ("Feed (an address or a file)", Path.Combine(folder, "missing.rss")),
                ("Feed (an address or a file)", feed),
                ("Another feed (empty to finish)", ""),
                ("Feed categories that put an article in", ""),
                ("Words or phrases that put an article in", "flood, sea level"),
                ("Time zone", "Europe/London"),
                ("Send every day at (HH:mm)", ""),
                ("Send from (an address)", "desk@climate.example"),
                ("Postal address", "1 Example Street, London"),
                ("Your address, to receive the first editions", "me@climate.example"),
            ],
            [],
            TimeSpan.FromMinutes(1));

        Assert.True(exitCode == 0, screen);
        Assert.Contains("✗ " + Path.Combine(folder, "missing.rss") + ":", screen, StringComparison.Ordinal); // refused, and asked again
        Assert.Contains("✓ Coast Watch: 4 items", screen, StringComparison.Ordinal);
        var config = await File.ReadAllTextAsync(Path.Combine(desk, "herald.json"), Ct);
        Assert.Contains("\"Id\": \"climate-desk\"", config, StringComparison.Ordinal);
        Assert.Contains("\"Schedule\": \"0 6 * * *\"", config, StringComparison.Ordinal);
        await AssertRunDeliversAsync(desk, "me@climate.example", expectedStories: 3);
    }

    [Fact]
    public async Task Init_in_a_script_names_every_answer_it_is_missing()
    {
        var init = await HeraldProcess.RunAsync(["init", Path.Combine(Directory.CreateTempSubdirectory("herald-init-").FullName, "x")], [], TimeSpan.FromMinutes(1));

        Assert.Equal(CliFailures.ConfigurationError, init.ExitCode);
        Assert.Contains("Missing: --title, --feed, --from, --postal-address", init.Errors, StringComparison.Ordinal);
    }

    private async Task AssertRunDeliversAsync(string desk, string reader, int expectedStories)
    {
        var data = Path.Combine(desk, "data");
        var run = await HeraldProcess.RunAsync(
            ["run", "--config", Path.Combine(desk, "herald.json"), "--data", data],
            [new("HeraldStorage", azurite.ConnectionString), new("Storage__NamePrefix", AzuriteFixture.UniquePrefix())],
            TimeSpan.FromMinutes(2));

        Assert.True(run.ExitCode == 0, run.Output + run.Errors);
        Assert.Contains("Collected:  4 items from 1 sources (0 failed): 4 new articles", run.Output, StringComparison.Ordinal);
        Assert.Contains($"in {expectedStories} stories, queued for 1 subscribers", run.Output, StringComparison.Ordinal);
        var digest = Assert.Single(Outbox.MessagesTo(Path.Combine(data, "outbox"), reader));
        Assert.StartsWith("Climate Desk: ", digest.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain("Choir", digest.TextBody, StringComparison.Ordinal); // the one story no keyword names stays out
    }

    /// <summary>A feed of four items of the last hours: three the keywords name as people write them, and one they do not.</summary>
    private static async Task<(string Folder, string Feed)> FeedAsync()
    {
        var folder = Directory.CreateTempSubdirectory("herald-init-").FullName;
        var now = DateTimeOffset.UtcNow;
        string Item(int hours, string title, string text) =>
            $"<item><title>{title}</title><link>https://coast.example/{hours}</link><pubDate>{now.AddHours(-hours):R}</pubDate><category>Coast</category><description>{text}</description></item>";
        var feed = Path.Combine(folder, "coast.rss");
        await File.WriteAllTextAsync(feed, $"""
            <?xml version="1.0"?><rss version="2.0"><channel><title>Coast Watch</title><link>https://coast.example/</link>
            {Item(1, "Flooding closes the coastal road at Rye", "Flooding closed the coastal road at Rye on Tuesday after a storm surge. Engineers said repairs would take weeks.")}
            {Item(2, "Sea levels at Dover highest in a century", "Sea levels measured at Dover reached a hundred-year high, the harbour authority said, as the council debated defences.")}
            {Item(3, "Farmers count the cost of floods in the fens", "Farmers in the fens said the floods of last month had ruined winter wheat across four thousand acres.")}
            {Item(4, "Choir wins regional contest", "The town choir won the regional contest for the third year running with a programme of sea shanties.")}
            </channel></rss>
            """, Ct);
        return (folder, feed);
    }
}
