using System.Net;
using System.Net.Sockets;
using Herald.Cli.Commands;
using Herald.Testing;

namespace Herald.Tests.Pipeline;

/// <summary>
/// Expected failures as an operator meets them, with the CLI run as a process: each is a line or two naming the cause
/// and the fix, with its documented exit code, and no stack trace unless -v asks for one.
/// </summary>
public class CliFailureTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_json_syntax_error_in_the_configuration_names_the_file_line_and_column()
    {
        var config = Path.Combine(Directory.CreateTempSubdirectory("herald-cli-").FullName, "herald.json");
        await File.WriteAllTextAsync(config, "{\n  \"Herald\": {\n    \"Newsletters\": [ }\n  }\n}\n", TestContext.Current.CancellationToken);

        var result = await RunAsync(["deliveries", "--config", config], ("HeraldStorage", azurite.ConnectionString));

        Assert.Equal(CliFailures.ConfigurationError, result.ExitCode);
        Assert.Contains($"Configuration error: {config}, line 3, column 22:", result.Errors, StringComparison.Ordinal);
        AssertNoStackTrace(result);
    }

    [Fact]
    public async Task Settings_that_fail_in_several_sections_at_once_are_each_named_with_exit_code_2()
    {
        // Collecting is read by more than one validated options class, so its failure arrives with others at once.
        var result = await RunAsync(["deliveries"], ("HeraldStorage", azurite.ConnectionString), ("Collecting__Proxy", "socks5://herald:secret@proxy.example:1080"), ("Delivery__BatchSize", "0"));

        Assert.Equal(CliFailures.ConfigurationError, result.ExitCode);
        Assert.StartsWith("Configuration error:", result.Errors.Trim(), StringComparison.Ordinal);
        Assert.Contains("Collecting:Proxy: not an http:// proxy address", result.Errors, StringComparison.Ordinal);
        Assert.Contains("Delivery:BatchSize:", result.Errors, StringComparison.Ordinal);
        Assert.Single(result.Errors.Split('\n'), line => line.Contains("Collecting:Proxy", StringComparison.Ordinal));
        Assert.DoesNotContain("secret", result.Errors, StringComparison.Ordinal);
        AssertNoStackTrace(result);
    }

    [Fact]
    public async Task Storage_that_does_not_answer_is_said_in_two_lines_with_exit_code_3()
    {
        var closed = Herald.Local.LocalPorts.Free(); // free now, and nothing listens there
        var connection = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:{closed}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{closed}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{closed}/devstoreaccount1;";

        var result = await RunAsync(["deliveries"], ("HeraldStorage", connection));
        var verbose = await RunAsync(["deliveries", "-v"], ("HeraldStorage", connection));

        Assert.Equal(CliFailures.StorageUnavailable, result.ExitCode);
        Assert.StartsWith("Storage does not answer:", result.Errors.Trim(), StringComparison.Ordinal);
        Assert.True(result.Errors.Trim().Split('\n').Length <= 2, result.Errors);
        AssertNoStackTrace(result);
        Assert.Equal(CliFailures.StorageUnavailable, verbose.ExitCode);
        Assert.Contains("   at ", verbose.Errors, StringComparison.Ordinal); // -v shows where
    }

    [Fact]
    public async Task Ports_held_by_something_that_is_not_azurite_are_named_with_the_fix()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 10001);
        try
        {
            listener.Start();
        }
        catch (SocketException)
        {
            Assert.Skip("port 10001 is already in use on this machine, so the test cannot hold it");
        }

        var data = Directory.CreateTempSubdirectory("herald-cli-").FullName;
        var result = await RunAsync(["deliveries", "--data", data]); // the sample configuration's development storage

        Assert.Equal(CliFailures.StorageUnavailable, result.ExitCode);
        Assert.Contains("Storage: port 10001 of 10000-10002 is in use by something that is not a complete Azurite", result.Errors, StringComparison.Ordinal);
        Assert.Contains("set HeraldStorage to a storage connection string", result.Errors, StringComparison.Ordinal);
        AssertNoStackTrace(result);
    }

    [Fact]
    public async Task A_page_the_network_guard_refuses_is_one_line_with_exit_code_5()
    {
        var result = await RunAsync(["extract", "http://169.254.169.254/latest/meta-data/"]);

        Assert.Equal(CliFailures.FetchFailed, result.ExitCode);
        Assert.Contains("Could not fetch: refused 169.254.169.254: it is a private address", result.Errors, StringComparison.Ordinal);
        AssertNoStackTrace(result);
    }

    [Fact]
    public async Task A_key_the_provider_refuses_parks_the_batches_and_run_says_so_with_exit_code_1()
    {
        await using var sendGrid = await TestWebServer.StartAsync();
        sendGrid.Map("/v3/mail/send", async context =>
        {
            context.Response.StatusCode = 401;
            context.Response.ContentType = "application/json";
            await Microsoft.AspNetCore.Http.HttpResponseWritingExtensions.WriteAsync(context.Response, "{\"errors\":[{\"message\":\"The provided authorization grant is invalid, expired, or revoked\"}]}");
        });
        var data = Directory.CreateTempSubdirectory("herald-cli-").FullName;

        var result = await RunAsync(
            ["run", "--data", data, "--now", "2026-11-25T11:00:00Z"],
            ("HeraldStorage", azurite.ConnectionString),
            ("Storage__NamePrefix", AzuriteFixture.UniquePrefix()),
            ("Delivery__Mode", "SendGrid"),
            ("Delivery__SendGridApiKey", "SG.revoked"),
            ("Delivery__SendGridWebhookPublicKey", TestKeys.WebhookPublicKey),
            ("Delivery__SendGridHost", sendGrid.BaseUrl.AbsoluteUri));

        Assert.Equal(CliFailures.PartlyFailed, result.ExitCode);
        Assert.Contains("2 batches parked ('herald deliveries' says why; fix it, then 'herald deliveries redrive')", result.Output, StringComparison.Ordinal);
        AssertNoStackTrace(result);
    }

    private static void AssertNoStackTrace((int ExitCode, string Output, string Errors) result)
    {
        Assert.DoesNotContain("   at ", result.Output + result.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled", result.Output + result.Errors, StringComparison.Ordinal);
    }

    private static Task<(int ExitCode, string Output, string Errors)> RunAsync(string[] arguments, params (string Name, string Value)[] environment) =>
        HeraldProcess.RunAsync(arguments, environment.Select(e => new KeyValuePair<string, string?>(e.Name, e.Value)), TimeSpan.FromMinutes(2));
}
