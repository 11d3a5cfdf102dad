using System.Diagnostics;
using Herald.Tests.Infrastructure;

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

    private async Task<(int ExitCode, string Output, string Errors)> RunAsync(string[] arguments, string prefix, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryPaths.Root,
        };
        start.ArgumentList.Add(Path.Combine(RepositoryPaths.OutputOf("cli"), "Herald.Cli.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["HERALD_HOME"] = RepositoryPaths.Root;
        start.Environment["HeraldStorage"] = azurite.ConnectionString;
        start.Environment["Storage__NamePrefix"] = prefix;
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await errors);
    }
}
