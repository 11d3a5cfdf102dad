using Herald.Cli.Commands;
using Herald.Local;
using Herald.Testing;

namespace Herald.Tests.Pipeline;

/// <summary>
/// What "herald run" says it did, and its exit code, when part of the work fails or the clock was moved: 1 whenever a
/// source, an edition or a batch failed, naming it; a walk forward with --now never leaves state that breaks a later run.
/// </summary>
public class RunOutcomeTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_source_that_answers_404_makes_run_exit_1_and_is_named_with_its_reason()
    {
        await using var server = await TestWebServer.StartAsync();
        server.Map("/gone.xml", context =>
        {
            context.Response.StatusCode = 404;
            return Task.CompletedTask;
        });

        var result = await RunAsync(
            ["run", "--now", "2026-11-25T11:00:00Z"],
            ("Herald__Newsletters__0__Sources__3__Name", "Gone Feed"),
            ("Herald__Newsletters__0__Sources__3__Url", server.Url("/gone.xml").AbsoluteUri),
            ("Herald__Newsletters__0__Sources__3__AllowPrivateNetwork", "true"));

        Assert.True(result.ExitCode == CliFailures.PartlyFailed, result.Output + result.Errors);
        Assert.Contains("Collected:  16 items from 4 sources (1 failed)", result.Output, StringComparison.Ordinal);
        Assert.Matches(@"Gone Feed failed: .*404", result.Output);
        Assert.Contains("Delivered:  3 emails", result.Output, StringComparison.Ordinal); // the other sources' news still went
    }

    [Fact]
    public async Task An_edition_that_fails_to_render_makes_run_exit_1_and_names_the_reason()
    {
        // The check at start renders a sample of two stories; this template fails only on an edition of more.
        var templates = Directory.CreateTempSubdirectory("herald-templates-").FullName;
        foreach (var file in Directory.GetFiles(RepositoryPaths.Templates))
        {
            File.Copy(file, Path.Combine(templates, Path.GetFileName(file)));
        }

        var text = Path.Combine(templates, "digest.txt.scriban");
        await File.AppendAllTextAsync(text, "{{ if story_count > 2 }}{{ story_cuont }}{{ end }}\n", TestContext.Current.CancellationToken);

        var result = await RunAsync(["run", "--now", "2026-11-25T11:00:00Z"], ("Herald__TemplateDirectory", templates));

        Assert.True(result.ExitCode == CliFailures.PartlyFailed, result.Output + result.Errors);
        Assert.Matches(@"Edition:    white-house-watch: failed: .*digest\.txt\.scriban\(\d+,\d+\).*story_cuont", result.Output);
        Assert.Contains("Delivered:  0 emails", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batch_that_cannot_be_sent_makes_run_exit_1_and_says_what_to_do()
    {
        // Nothing listens on the port: every attempt to reach the SMTP server is refused.
        var closedPort = LocalPorts.Free();

        var result = await RunAsync(
            ["run", "--now", "2026-11-25T11:00:00Z"],
            ("Delivery__Mode", "Smtp"),
            ("Delivery__SmtpHost", "127.0.0.1"),
            ("Delivery__SmtpPort", closedPort.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Delivery__SmtpSecurity", "None"),
            ("Delivery__MaxAttempts", "1"));

        Assert.True(result.ExitCode == CliFailures.PartlyFailed, result.Output + result.Errors);
        Assert.Contains("Edition:    white-house-watch-20261125-0600: 10 articles in 9 stories, queued", result.Output, StringComparison.Ordinal);
        Assert.Contains("Delivered:  0 emails", result.Output, StringComparison.Ordinal);
        Assert.Contains("'herald deliveries redrive'", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_after_walking_the_clock_forward_with_now_is_scheduled_not_failed()
    {
        var prefix = AzuriteFixture.UniquePrefix();
        var data = Directory.CreateTempSubdirectory("herald-cli-").FullName;
        var ahead = DateTimeOffset.UtcNow.AddDays(3).Date.AddHours(12);

        var walked = await RunAsync(["run", "--data", data, "--now", ahead.ToString("O", System.Globalization.CultureInfo.InvariantCulture)], prefix);
        var later = await RunAsync(["run", "--data", data], prefix);

        Assert.True(walked.ExitCode == 0, walked.Output + walked.Errors);
        Assert.True(later.ExitCode == 0, later.Output + later.Errors);
        Assert.DoesNotContain("failed:", later.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", later.Output + later.Errors, StringComparison.Ordinal);
        var slot = $"white-house-watch-{ahead:yyyyMMdd}-0600";
        Assert.Contains($"Edition:    {slot}: already built and queued by an earlier run", later.Output, StringComparison.Ordinal);
        Assert.Contains($"next slot {ahead.AddDays(1):yyyy-MM-dd} 06:00 America/New_York", later.Output, StringComparison.Ordinal);
    }

    private Task<(int ExitCode, string Output, string Errors)> RunAsync(string[] arguments, params (string Name, string Value)[] environment) =>
        RunAsync(arguments, AzuriteFixture.UniquePrefix(), environment);

    private async Task<(int ExitCode, string Output, string Errors)> RunAsync(string[] arguments, string prefix, params (string Name, string Value)[] environment)
    {
        var data = arguments.Contains("--data") ? [] : new[] { "--data", Directory.CreateTempSubdirectory("herald-cli-").FullName };
        return await HeraldProcess.RunAsync(
            [.. arguments, .. data],
            new Dictionary<string, string?> { ["HeraldStorage"] = azurite.ConnectionString, ["Storage__NamePrefix"] = prefix }
                .Concat(environment.Select(e => new KeyValuePair<string, string?>(e.Name, e.Value))),
            TimeSpan.FromMinutes(2));
    }
}
