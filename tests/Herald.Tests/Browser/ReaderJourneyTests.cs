using System.Globalization;
using System.Text.Json.Nodes;
using Herald.Testing;
using Microsoft.Playwright;

namespace Herald.Tests.Browser;

/// <summary>
/// A reader in a real browser (headless Debian Chromium) against "herald serve" as its own process, with the
/// pipeline run by "herald run" processes in between: the whole journey a subscriber takes, through the pages,
/// the outbox and the digest. Screenshots of each page go to the test's data folder while it runs.
/// </summary>
public class ReaderJourneyTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_reader_subscribes_confirms_receives_a_digest_switches_it_off_and_receives_nothing_next_time()
    {
        await using var site = await SampleSite.StartAsync(azurite);
        await using var chromium = await Chromium.LaunchAsync();
        var page = await chromium.Browser.NewPageAsync();
        const string reader = "browser.reader@example.com";

        // Sign up through the form, as a person does.
        await page.GotoAsync(site.Url("api/subscribe/white-house-watch"));
        Assert.Equal("Subscribe to White House Watch", await page.Locator("h1").InnerTextAsync());
        await page.GetByLabel("Email address").FillAsync(reader);
        await page.GetByLabel("Name (optional)").FillAsync("Browser Reader");
        await page.GetByRole(AriaRole.Button, new() { Name = "Subscribe" }).ClickAsync();
        Assert.Equal("Check your inbox", await page.Locator("h1").InnerTextAsync());
        await site.ScreenshotAsync(page, "1-check-your-inbox");

        // The confirmation mail; its link shows one button, and only pressing it confirms.
        var confirmation = await Eventually.GetAsync(async () => Outbox.MessagesTo(site.Outbox, reader).FirstOrDefault(), "the confirmation email", TimeSpan.FromSeconds(60));
        await page.GotoAsync(Outbox.Link(confirmation, "confirm"));
        Assert.Equal("Confirm your subscription to White House Watch", await page.Locator("h1").InnerTextAsync());
        await site.ScreenshotAsync(page, "2-confirm");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm subscription" }).ClickAsync();
        Assert.Equal("You are subscribed", await page.Locator("h1").InnerTextAsync());
        await site.ScreenshotAsync(page, "3-confirmed");

        // Today's pipeline run delivers the digest to the reader along with the sample subscribers.
        var first = await site.RunPipelineAsync(null);
        Assert.Contains("Delivered:  4 emails", first, StringComparison.Ordinal);
        var digest = Assert.Single(Outbox.MessagesTo(site.Outbox, reader), m => m.Subject!.StartsWith("White House Watch:", StringComparison.Ordinal));

        // The digest's preferences link: switch the newsletter off.
        await page.GotoAsync(Outbox.Link(digest, "preferences"));
        Assert.Equal("Your newsletters", await page.Locator("h1").InnerTextAsync());
        var box = page.GetByRole(AriaRole.Checkbox, new() { Name = "White House Watch" });
        Assert.True(await box.IsCheckedAsync());
        await box.UncheckAsync();
        await site.ScreenshotAsync(page, "4-preferences");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        Assert.Contains("You left every newsletter", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        Assert.False(await page.GetByRole(AriaRole.Checkbox, new() { Name = "White House Watch" }).IsCheckedAsync());

        // Tomorrow there is news, and the others receive it; the reader receives nothing.
        site.AddTomorrowsStory();
        var second = await site.RunPipelineAsync(DateTimeOffset.UtcNow.AddDays(1));
        Assert.True(second.Contains("Delivered:  3 emails", StringComparison.Ordinal), second);
        Assert.Single(Outbox.MessagesTo(site.Outbox, reader), m => m.Subject!.StartsWith("White House Watch:", StringComparison.Ordinal));
        Assert.Equal(2, Outbox.MessagesTo(site.Outbox, "ada.reader@example.com").Count);
        output.WriteLine(first + "\n" + second);
    }

    [Fact]
    public async Task A_link_scanner_in_a_browser_opening_every_link_of_the_confirmation_confirms_nothing()
    {
        await using var site = await SampleSite.StartAsync(azurite);
        await using var chromium = await Chromium.LaunchAsync();
        var page = await chromium.Browser.NewPageAsync();
        const string reader = "scanned.reader@example.com";
        await page.GotoAsync(site.Url("api/subscribe/white-house-watch"));
        await page.GetByLabel("Email address").FillAsync(reader);
        await page.GetByRole(AriaRole.Button, new() { Name = "Subscribe" }).ClickAsync();
        var confirmation = await Eventually.GetAsync(async () => Outbox.MessagesTo(site.Outbox, reader).FirstOrDefault(), "the confirmation email", TimeSpan.FromSeconds(60));

        // A scanner opens every link, runs whatever the page would run, follows nothing it has to press.
        var scanner = await chromium.Browser.NewPageAsync();
        var links = Outbox.Links(confirmation);
        Assert.Contains(links, l => l.Contains("/api/confirm?", StringComparison.Ordinal));
        foreach (var link in links)
        {
            var response = await scanner.GotoAsync(link);
            Assert.True(response is { Status: < 500 }, $"{link}: {response?.Status}");
            await scanner.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }

        var export = await site.ExportSubscribersAsync();
        Assert.Contains(export, l => l.StartsWith(reader + ",", StringComparison.Ordinal) && l.Contains(",white-house-watch,Pending,", StringComparison.Ordinal));
        var first = await site.RunPipelineAsync(null);
        Assert.Contains("Delivered:  3 emails", first, StringComparison.Ordinal); // the sample subscribers only
        Assert.DoesNotContain(Outbox.MessagesTo(site.Outbox, reader), m => m.Subject!.StartsWith("White House Watch:", StringComparison.Ordinal));
    }

    /// <summary>A copy of the sample newsletter (config, feeds, subscribers), served by "herald serve" and run by "herald run", on its own storage prefix.</summary>
    private sealed class SampleSite : IAsyncDisposable
    {
        private readonly string _folder;
        private readonly Dictionary<string, string?> _environment;
        private readonly ServeProcess _serve;

        private SampleSite(string folder, Dictionary<string, string?> environment, ServeProcess serve) => (_folder, _environment, _serve) = (folder, environment, serve);

        public string Outbox => Path.Combine(_folder, "data", "outbox");
        private string Config => Path.Combine(_folder, "herald.json");

        public static async Task<SampleSite> StartAsync(AzuriteFixture azurite)
        {
            var folder = Directory.CreateTempSubdirectory("herald-browser-").FullName;
            var sample = Path.GetDirectoryName(RepositoryPaths.SampleConfig)!;
            foreach (var file in Directory.GetFiles(sample, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(folder, Path.GetRelativePath(sample, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }

            var port = ServeProcess.FreePort();
            var environment = new Dictionary<string, string?>
            {
                ["HeraldStorage"] = azurite.ConnectionString,
                ["Storage__NamePrefix"] = AzuriteFixture.UniquePrefix(),
                ["Herald__PublicBaseUrl"] = $"http://127.0.0.1:{port}",
                ["Herald__TemplateDirectory"] = RepositoryPaths.Templates,
            };
            var serve = await ServeProcess.StartAsync(port, ["--config", Path.Combine(folder, "herald.json"), "--data", Path.Combine(folder, "data")], environment);
            return new SampleSite(folder, environment, serve);
        }

        public string Url(string path) => new Uri(_serve.Url, path).AbsoluteUri;

        public async Task ScreenshotAsync(IPage page, string name) =>
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(_folder, "screenshots", name + ".png"), FullPage = true });

        /// <summary>"herald run" (at <paramref name="now"/>, else now): collect, build, deliver; returns what it printed.</summary>
        public async Task<string> RunPipelineAsync(DateTimeOffset? now)
        {
            string[] arguments = ["run", "--config", Config, "--data", Path.Combine(_folder, "data"), .. now is { } at ? new[] { "--now", at.ToString("O", CultureInfo.InvariantCulture) } : []];
            var (exitCode, printed, errors) = await HeraldProcess.RunAsync(arguments, _environment, TimeSpan.FromMinutes(2));
            Assert.True(exitCode == 0, printed + errors + "\nserve:\n" + _serve.Output);
            return printed;
        }

        public async Task<string[]> ExportSubscribersAsync()
        {
            var (exitCode, printed, errors) = await HeraldProcess.RunAsync(["subscribers", "export", "--config", Config, "--data", Path.Combine(_folder, "data")], _environment, TimeSpan.FromMinutes(1));
            Assert.True(exitCode == 0, errors);
            return printed.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }

        /// <summary>A new White House story in the Beltway Brief feed, published a day from now.</summary>
        public void AddTomorrowsStory()
        {
            var path = Path.Combine(_folder, "feeds", "beltway-brief.json");
            var feed = JsonNode.Parse(File.ReadAllText(path))!;
            var published = DateTimeOffset.UtcNow.AddDays(1).AddHours(-2);
            feed["items"]!.AsArray().Insert(0, new JsonObject
            {
                ["id"] = "beltwaybrief-tomorrow",
                ["url"] = "https://beltwaybrief.example/tomorrow/white-house-briefing",
                ["title"] = "White House press secretary outlines the president's week",
                ["content_html"] = "<p>The White House press secretary said on Thursday that the president will meet Senate leaders twice this week.</p><p>The president also plans a trip to two states hit by storms, the press secretary said in the Oval Office briefing room.</p>",
                ["date_published"] = published.ToString("O", CultureInfo.InvariantCulture),
                ["tags"] = new JsonArray("white house"),
            });
            File.WriteAllText(path, feed.ToJsonString());
        }

        public async ValueTask DisposeAsync()
        {
            await _serve.DisposeAsync();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }
    }
}
