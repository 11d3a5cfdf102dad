using Herald.Functions.Tests.Infrastructure;
using Herald.Testing;

namespace Herald.Functions.Tests.Configuration;

/// <summary>
/// A deployment with a missing or malformed setting: the worker must stop at start with a message that names the
/// setting, in what the host keeps of it - the WorkerProcessExitException built from the worker's last error lines
/// on standard error, which is what reaches Application Insights - and never a NullReferenceException.
/// </summary>
public sealed class StartupFailureTests(AzuriteFixture azurite, PublishedApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task No_signing_key_stops_the_worker_naming_Herald_SigningKey()
    {
        var exit = await FailedStartAsync(new Dictionary<string, string?> { ["Herald__SigningKey"] = null });

        Assert.Contains("Herald:SigningKey", exit.HostException, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_digest_schedule_that_is_not_a_cron_stops_the_worker_naming_DigestSchedule()
    {
        var exit = await FailedStartAsync(new Dictionary<string, string?> { ["DigestSchedule"] = "not a cron" });

        Assert.Contains("DigestSchedule: 'not a cron' is not a six-field NCRONTAB schedule", exit.HostException, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendGrid_delivery_without_an_api_key_stops_the_worker_naming_Delivery_SendGridApiKey()
    {
        var exit = await FailedStartAsync(new Dictionary<string, string?> { ["Delivery__Mode"] = "SendGrid", ["Delivery__SendGridApiKey"] = null });

        Assert.Contains("Delivery:SendGridApiKey", exit.HostException, StringComparison.Ordinal);
    }

    /// <summary>Starts a deployment that must not come up; returns how the worker process ended, as the host saw it.</summary>
    private async Task<WorkerExit> FailedStartAsync(Dictionary<string, string?> settings)
    {
        FunctionsProtocol.SkipUnlessCompiled(); // before the assertion below, which would take the skip for a failure
        var failure = await Assert.ThrowsAsync<WorkerStartupException>(() => Deployment.StartAsync(azurite, app, settings, Ct));
        TestContext.Current.TestOutputHelper?.WriteLine(failure.ToString());

        var exit = Assert.IsType<WorkerExit>(failure.Exit);
        Assert.NotEqual(0, exit.ExitCode);
        Assert.NotEmpty(exit.HostKeptErrorLines);
        Assert.DoesNotContain("NullReferenceException", string.Join('\n', exit.StandardError), StringComparison.Ordinal);
        return exit;
    }
}
