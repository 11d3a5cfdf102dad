using MimeKit;
using Herald.Testing;

namespace Herald.Tests.Pipeline;

/// <summary>
/// What would go now: preview re-renders a built slot from its stored articles with the templates as they are (and says
/// so), send-test --fresh sends that, and a newsletter's Subject template names the edition.
/// </summary>
public class PreviewTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task After_a_run_preview_and_send_test_fresh_show_a_template_change_and_the_subject_template()
    {
        var prefix = AzuriteFixture.UniquePrefix();
        var data = Directory.CreateTempSubdirectory("herald-cli-").FullName;
        var run = await RunAsync(["run", "--data", data], prefix);
        Assert.True(run.ExitCode == 0, run.Output + run.Errors);

        var templates = Directory.CreateTempSubdirectory("herald-templates-").FullName;
        foreach (var file in Directory.GetFiles(RepositoryPaths.Templates))
        {
            File.Copy(file, Path.Combine(templates, Path.GetFileName(file)));
        }

        var html = Path.Combine(templates, "digest.html.scriban");
        await File.WriteAllTextAsync(html, (await File.ReadAllTextAsync(html, TestContext.Current.CancellationToken)).Replace("Today in brief", "At a glance", StringComparison.Ordinal), TestContext.Current.CancellationToken);
        (string, string)[] changed = [("Herald__TemplateDirectory", templates), ("Herald__Newsletters__0__Subject", "{{ title }} for {{ date }}: {{ count }} stories")];

        var preview = await RunAsync(["preview", "--at", "2026-11-25 06:00", "--data", data], prefix, changed);
        var stale = await RunAsync(["send-test", "--to", "editor@example.com", "--data", data], prefix, changed);
        var fresh = await RunAsync(["send-test", "--to", "editor@example.com", "--fresh", "--data", data], prefix, changed);

        Assert.True(preview.ExitCode == 0, preview.Output + preview.Errors);
        Assert.Contains("re-rendered from its 10 articles with the templates as they are now", preview.Output, StringComparison.Ordinal);
        Assert.Contains("Subject:    White House Watch for Wednesday, November 25, 2026: 9 stories", preview.Output, StringComparison.Ordinal);
        Assert.Contains("At a glance", await File.ReadAllTextAsync(Path.Combine(data, "preview", "white-house-watch.html"), TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.True(stale.ExitCode == 0 && fresh.ExitCode == 0, stale.Errors + fresh.Errors);
        var tests = Outbox.MessagesTo(Path.Combine(data, "outbox"), "editor@example.com");
        Assert.Equal(2, tests.Count);
        var (first, second) = (tests[0], tests[1]);
        Assert.Contains("Today in brief", first.HtmlBody, StringComparison.Ordinal);              // as it was stored
        Assert.StartsWith("[Test] White House Watch: ", first.Subject, StringComparison.Ordinal);
        Assert.Contains("At a glance", second.HtmlBody, StringComparison.Ordinal);                // rendered anew
        Assert.Equal("[Test] White House Watch for Wednesday, November 25, 2026: 9 stories", second.Subject);
    }

    private Task<(int ExitCode, string Output, string Errors)> RunAsync(string[] arguments, string prefix, params (string Name, string Value)[] environment) =>
        HeraldProcess.RunAsync(
            [.. arguments, "--now", "2026-11-25T11:00:00Z"],
            new Dictionary<string, string?> { ["HeraldStorage"] = azurite.ConnectionString, ["Storage__NamePrefix"] = prefix }
                .Concat(environment.Select(e => new KeyValuePair<string, string?>(e.Name, e.Value))),
            TimeSpan.FromMinutes(2));
}
