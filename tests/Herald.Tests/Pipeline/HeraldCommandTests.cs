using System.Text.Json;
using System.Text.RegularExpressions;
using Herald.Testing;

namespace Herald.Tests.Pipeline;

/// <summary>The herald command as a user runs it: a separate process, the sample configuration, real Azurite.</summary>
public class HeraldCommandTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Herald_run_delivers_the_sample_digest_and_a_second_run_adds_nothing()
    {
        var prefix = AzuriteFixture.UniquePrefix();
        var data = Directory.CreateTempSubdirectory("herald-cli-").FullName;
        try
        {
            var first = await RunAsync(["run", "--data", data], prefix);
            Assert.True(first.ExitCode == 0, first.Output + first.Errors);
            Assert.Contains("Collected:  16 items from 3 sources (0 failed): 15 new articles, 1 already stored", first.Output, StringComparison.Ordinal);
            Assert.Contains(": 10 articles in 9 stories, queued for 3 subscribers in 2 batches", first.Output, StringComparison.Ordinal);
            Assert.Contains("Delivered:  3 emails (0 already delivered earlier)", first.Output, StringComparison.Ordinal);
            Assert.Equal(3, Directory.GetFiles(Path.Combine(data, "outbox"), "*.eml", SearchOption.AllDirectories).Length);

            var second = await RunAsync(["run", "--data", data], prefix);
            Assert.True(second.ExitCode == 0, second.Output + second.Errors);
            Assert.Contains("0 new articles, 16 already stored", second.Output, StringComparison.Ordinal);
            Assert.Contains("already built and queued by an earlier run", second.Output, StringComparison.Ordinal);
            Assert.Contains("Delivered:  0 emails", second.Output, StringComparison.Ordinal);
            Assert.Equal(3, Directory.GetFiles(Path.Combine(data, "outbox"), "*.eml", SearchOption.AllDirectories).Length);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task Deliveries_show_the_batches_and_send_test_touches_neither_ledger_nor_subscribers()
    {
        var prefix = AzuriteFixture.UniquePrefix();
        var data = Directory.CreateTempSubdirectory("herald-cli-").FullName;
        try
        {
            Assert.Equal(0, (await RunAsync(["run", "--data", data], prefix)).ExitCode);

            var deliveries = await RunAsync(["deliveries", "--data", data, "--edition", "white-house-watch-20261125-0600"], prefix);
            var test = await RunAsync(["send-test", "--to", "editor@herald.example", "--data", data], prefix);
            var after = await RunAsync(["deliveries", "--data", data, "--edition", "white-house-watch-20261125-0600"], prefix);
            var subscribers = await RunAsync(["subscribers", "list", "white-house-watch", "--data", data], prefix);
            var all = await RunAsync(["deliveries", "--data", data], prefix);

            Assert.True(deliveries.ExitCode == 0, deliveries.Errors);
            Assert.Contains("white-house-watch-20261125-0600: sent, 3 recipients in 2 batches", deliveries.Output, StringComparison.Ordinal);
            Assert.Contains("batches: 2 sent, 0 sending, 0 scheduled, 0 parked", deliveries.Output, StringComparison.Ordinal);
            Assert.True(test.ExitCode == 0, test.Output + test.Errors);
            Assert.Contains("Sent edition white-house-watch-20261125-0600 to editor@herald.example as a test.", test.Output, StringComparison.Ordinal);
            var testEmail = Assert.Single(Directory.GetFiles(Path.Combine(data, "outbox", "white-house-watch", "tests"), "*.eml"));
            using (var message = await MimeKit.MimeMessage.LoadAsync(testEmail, TestContext.Current.CancellationToken))
            {
                Assert.StartsWith("[Test] White House Watch: ", message.Subject, StringComparison.Ordinal);
                Assert.Equal("true", message.Headers["X-Herald-Test"]);
            }

            Assert.Equal(deliveries.Output[deliveries.Output.IndexOf("white-house-watch-20261125-0600:", StringComparison.Ordinal)..], after.Output[after.Output.IndexOf("white-house-watch-20261125-0600:", StringComparison.Ordinal)..]);
            Assert.Contains("3 subscribers", subscribers.Output, StringComparison.Ordinal);
            Assert.Contains("white-house-watch: 2026-11-25-0600 sent; next 2026-11-26 06:00 America/New_York", all.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("editor@herald.example", subscribers.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task Subscribers_import_export_erase_and_stats_work_from_the_command_line()
    {
        var prefix = AzuriteFixture.UniquePrefix();
        var data = Directory.CreateTempSubdirectory("herald-cli-").FullName;
        try
        {
            Assert.Equal(0, (await RunAsync(["run", "--data", data], prefix)).ExitCode);
            var file = Path.Combine(data, "readers.csv");
            await File.WriteAllTextAsync(file, "email,name\nada@example.com,Ada\nnot an address,X\nbob@bücher.example,Bob\n", TestContext.Current.CancellationToken);

            var import = await RunAsync(["subscribers", "import", file, "--newsletter", "white-house-watch", "--data", data], prefix);
            var again = await RunAsync(["subscribers", "import", file, "--newsletter", "white-house-watch", "--data", data], prefix);
            var export = await RunAsync(["subscribers", "export", "--data", data], prefix);
            var erase = await RunAsync(["subscribers", "erase", "ada@example.com", "--data", data], prefix);
            var afterErase = await RunAsync(["subscribers", "export", "--data", data], prefix);
            var stats = await RunAsync(["stats", "--data", data], prefix, ("Inbound__ParseDomain", "parse.herald.example"), ("Inbound__Secret", TestKeys.InboundSecret));

            Assert.True(import.ExitCode == 1, import.Output + import.Errors); // a row was refused
            Assert.Contains("Imported:   2 subscriptions added, 0 already active, 1 rows refused", import.Output, StringComparison.Ordinal);
            Assert.Contains("line 3: 'not an address' is not one email address", import.Output, StringComparison.Ordinal);
            Assert.Contains("Imported:   0 subscriptions added, 2 already active, 1 rows refused", again.Output, StringComparison.Ordinal);
            Assert.True(export.ExitCode == 0, export.Errors);
            var rows = export.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.StartsWith("email,email_unicode,name,newsletter,status", rows[0], StringComparison.Ordinal);
            Assert.Equal(5, rows.Length - 1); // the three sample subscribers and two imported, nothing else on standard output
            Assert.Contains(rows, r => r.StartsWith("bob@xn--bcher-kva.example,bob@bücher.example,Bob,white-house-watch,Active,import:readers.csv,", StringComparison.Ordinal));
            Assert.Contains("Erased a***@example.com: the subscriber record, 1 consent records", erase.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("ada@example.com", afterErase.Output, StringComparison.Ordinal);
            Assert.True(stats.ExitCode == 0, stats.Errors);
            Assert.Matches(@"white-house-watch\nslot\s+readers\s+sent\s+refused\s+delivered\s+bounced\s+opened\s+clicked\s+left\s+spam\n2026-11-25 06:00\s+3\s+3\s+0\s+0\s+0\s+0\s+0\s+0\s+0", stats.Output.Replace("\r", "", StringComparison.Ordinal));
            Assert.Contains("Inbound mail, last 30 days: subscribe 0, unsubscribe 0, help 0, ignored 0", stats.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task Preview_says_when_there_is_nothing_to_show_and_refuses_a_time_it_cannot_read()
    {
        var data = Directory.CreateTempSubdirectory("herald-cli-").FullName;
        try
        {
            var prefix = AzuriteFixture.UniquePrefix();
            var empty = await RunAsync(["preview", "--at", "2026-11-26 06:00", "--data", data], prefix);
            var garbled = await RunAsync(["preview", "--at", "tomorrow-ish", "--data", data], prefix);

            Assert.True(empty.ExitCode == 0, empty.Errors);
            Assert.Contains("No edition of white-house-watch to show at 2026-11-26 06:00 America/New_York: not built yet, and nothing new has come since the last edition", empty.Output, StringComparison.Ordinal);
            Assert.Equal(2, garbled.ExitCode);
            Assert.Contains("--at: 'tomorrow-ish' is not a local date and time", garbled.Errors, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Theory]
    [InlineData("Herald__Newsletters__0__Template", "fancy", "Herald:Newsletters:0:Template: unknown template 'fancy'")]
    [InlineData("Herald__SigningKey", "", "Herald:SigningKey: The SigningKey field is required.")]
    [InlineData("Delivery__Mode", "Pigeon", "Delivery:Mode")]
    public async Task A_configuration_error_exits_2_and_names_the_setting(string variable, string value, string expected)
    {
        var data = Directory.CreateTempSubdirectory("herald-cli-").FullName;
        try
        {
            var result = await RunAsync(["run", "--data", data], AzuriteFixture.UniquePrefix(), (variable, value));

            Assert.Equal(2, result.ExitCode);
            Assert.Contains(expected, result.Errors, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", result.Errors, StringComparison.Ordinal); // a message, not a stack trace
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task Herald_extract_prints_what_it_makes_of_a_page_as_json()
    {
        var page = RepositoryPaths.Golden("extraction", "syndicated-wire.html");

        var result = await RunAsync(["extract", page, "--url", "https://metrodaily.example/senate-leaders-deal/"], AzuriteFixture.UniquePrefix());

        Assert.True(result.ExitCode == 0, result.Errors);
        using var json = System.Text.Json.JsonDocument.Parse(result.Output);
        Assert.Equal("https://capitolwire.example/2026/11/24/senate-leaders-deal", json.RootElement.GetProperty("canonicalUrl").GetString());
        Assert.Equal("Senate Leaders Reach Deal To Avert Shutdown", json.RootElement.GetProperty("title").GetString());
        Assert.Contains("white-house", json.RootElement.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.StartsWith("The White House and Senate leaders", json.RootElement.GetProperty("summary").GetProperty("dek").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Advertisement", json.RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    /// <summary>Runs the command on the sample's day (the clock moved to 2026-11-25 11:00 UTC), whatever day the tests run on.</summary>
    [Fact]
    public async Task Json_output_of_each_command_parses_and_says_what_the_text_says()
    {
        var (text, json) = (AzuriteFixture.UniquePrefix(), AzuriteFixture.UniquePrefix());
        var data = Directory.CreateTempSubdirectory("herald-cli-").FullName;
        var other = Directory.CreateTempSubdirectory("herald-cli-").FullName;
        try
        {
            var run = await RunAsync(["run", "--data", data], text);
            var runJson = await RunAsync(["run", "--json", "--data", other], json);
            using var runDocument = JsonDocument.Parse(runJson.Output);
            var collect = runDocument.RootElement.GetProperty("collect");
            var numbers = Regex.Match(run.Output, @"Collected:\s+(\d+) items from (\d+) sources \((\d+) failed\): (\d+) new articles");
            Assert.Equal(
                (numbers.Groups[1].Value, numbers.Groups[2].Value, numbers.Groups[3].Value, numbers.Groups[4].Value),
                (collect.GetProperty("items").ToString(), collect.GetProperty("sources").ToString(), collect.GetProperty("failedSources").ToString(), collect.GetProperty("newArticles").ToString()));
            Assert.Contains($"Delivered:  {runDocument.RootElement.GetProperty("emailsSent")} emails", run.Output, StringComparison.Ordinal);
            Assert.True(runDocument.RootElement.GetProperty("succeeded").GetBoolean());

            var deliveries = await RunAsync(["deliveries", "--data", other], json);
            var deliveriesJson = await RunAsync(["deliveries", "--json", "--data", other], json);
            using var deliveriesDocument = JsonDocument.Parse(deliveriesJson.Output);
            var edition = Assert.Single(deliveriesDocument.RootElement.GetProperty("editions").EnumerateArray());
            Assert.Contains($"{edition.GetProperty("editionId").GetString()}: {edition.GetProperty("state").GetString()}, {edition.GetProperty("recipients")} recipients in {edition.GetProperty("batches")} batches", deliveries.Output, StringComparison.Ordinal);

            var stats = await RunAsync(["stats", "--data", other], json);
            var statsJson = await RunAsync(["stats", "--json", "--data", other], json);
            using var statsDocument = JsonDocument.Parse(statsJson.Output);
            var row = Assert.Single(statsDocument.RootElement.GetProperty("editions").EnumerateArray());
            var slot = Regex.Replace(row.GetProperty("editionId").GetString()!, @"^.*-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})$", "$1-$2-$3 $4:$5");
            Assert.Matches($@"{slot}\s+{row.GetProperty("recipients")}\s+{row.GetProperty("accepted")}\s+{row.GetProperty("refused")}", stats.Output);

            var list = await RunAsync(["subscribers", "list", "white-house-watch", "--data", other], json);
            var listJson = await RunAsync(["subscribers", "list", "white-house-watch", "--json", "--data", other], json);
            using var listDocument = JsonDocument.Parse(listJson.Output);
            Assert.Contains($"{listDocument.RootElement.GetProperty("count")} subscribers", list.Output, StringComparison.Ordinal);
            Assert.Equal(listDocument.RootElement.GetProperty("count").GetInt32(), listDocument.RootElement.GetProperty("subscribers").GetArrayLength());

            var prune = await RunAsync(["prune", "--data", other], json);
            var pruneJson = await RunAsync(["prune", "--json", "--data", other], json);
            using var pruneDocument = JsonDocument.Parse(pruneJson.Output);
            foreach (var removed in pruneDocument.RootElement.GetProperty("removed").EnumerateObject())
            {
                Assert.Contains($"{removed.Name}: {removed.Value} expired rows removed", prune.Output, StringComparison.Ordinal);
            }

            Assert.Equal(["inbound mail", "provider events", "sign-up quotas"], pruneDocument.RootElement.GetProperty("removed").EnumerateObject().Select(p => p.Name));

            // The tables fit an 80-column terminal.
            var batches = await RunAsync(["deliveries", "--edition", edition.GetProperty("editionId").GetString()!, "--data", other], json);
            var tableLines = new[] { stats.Output, list.Output, batches.Output }
                .SelectMany(o => o.Split('\n'))
                .Where(l => !l.StartsWith("Config:", StringComparison.Ordinal) && !l.StartsWith("Storage:", StringComparison.Ordinal))
                .ToList();
            Assert.Contains(tableLines, l => l.StartsWith("batch state", StringComparison.Ordinal));
            Assert.All(tableLines, l => Assert.True(l.TrimEnd().Length <= 80, $"{l.TrimEnd().Length} columns: {l}"));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
            Directory.Delete(other, recursive: true);
        }
    }

    [Fact]
    public async Task On_a_terminal_run_and_export_show_progress_and_in_a_pipe_they_print_only_their_lines()
    {
        var prefix = AzuriteFixture.UniquePrefix();
        var data = Directory.CreateTempSubdirectory("herald-cli-").FullName;
        try
        {
            var terminal = await OnTerminalAsync($"run --data {data} --now 2026-11-25T11:00:00Z", prefix);
            var piped = await RunAsync(["run", "--data", data], prefix);

            Assert.True(terminal.ExitCode == 0, terminal.Output + terminal.Errors);
            Assert.Contains("Collecting 3/3", terminal.Output, StringComparison.Ordinal);
            Assert.Contains("Summarizing", terminal.Output, StringComparison.Ordinal);
            Assert.Contains("Sending", terminal.Output, StringComparison.Ordinal);
            Assert.Contains("Delivered:", terminal.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("━", piped.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("Collecting 3/3", piped.Output, StringComparison.Ordinal);

            // An export's size is known only at its end: the bar counts the rows written.
            var csv = Path.Combine(data, "export.csv");
            var exported = await OnTerminalAsync($"subscribers export -o {csv} --data {data}", prefix);
            var exportedPiped = await RunAsync(["subscribers", "export", "-o", csv, "--data", data], prefix);

            Assert.True(exported.ExitCode == 0, exported.Output + exported.Errors);
            Assert.Contains("Exporting rows 3", exported.Output, StringComparison.Ordinal);
            Assert.Contains("Exported:   3 subscriptions", exported.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("━", exportedPiped.Output, StringComparison.Ordinal);
            Assert.Equal(4, File.ReadAllLines(csv).Length);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>The CLI under script(1), which gives it a pseudo-terminal as an operator's shell would.</summary>
    private Task<(int ExitCode, string Output, string Errors)> OnTerminalAsync(string arguments, string prefix) =>
        HeraldProcess.RunProgramAsync(
            "script",
            ["-qec", $"dotnet {Path.Combine(RepositoryPaths.OutputOf("cli"), "Herald.Cli.dll")} {arguments}", "/dev/null"],
            new Dictionary<string, string?> { ["HeraldStorage"] = azurite.ConnectionString, ["Storage__NamePrefix"] = prefix, ["HERALD_HOME"] = RepositoryPaths.Root, ["TERM"] = "xterm-256color" },
            TimeSpan.FromMinutes(2));

    private Task<(int ExitCode, string Output, string Errors)> RunAsync(string[] arguments, string prefix, params (string Name, string Value)[] environment) =>
        HeraldProcess.RunAsync(
            [.. arguments, "--now", "2026-11-25T11:00:00Z"],
            new Dictionary<string, string?> { ["HeraldStorage"] = azurite.ConnectionString, ["Storage__NamePrefix"] = prefix }
                .Concat(environment.Select(e => new KeyValuePair<string, string?>(e.Name, e.Value))),
            TimeSpan.FromMinutes(2));
}
