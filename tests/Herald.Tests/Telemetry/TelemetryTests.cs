using System.Diagnostics.Metrics;
using Azure.Monitor.OpenTelemetry.Exporter;
using Herald.Delivery;
using Herald.Functions;
using Herald.Functions.Telemetry;
using Herald.Local;
using Herald.Subscribers;
using Herald.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace Herald.Tests.Telemetry;

/// <summary>Herald's counters as a real run makes them, and the Functions app's OpenTelemetry wiring.</summary>
public class TelemetryTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_sample_run_counts_articles_summaries_editions_and_emails()
    {
        await using var herald = await TestHerald.StartAsync(azurite);
        using var metrics = new MetricRecorder(herald.Get<IMeterFactory>());

        await new LocalPipeline(herald.Host).RunAsync(Ct);
        await new LocalPipeline(herald.Host).RunAsync(Ct); // the same day again: nothing new, nothing sent

        foreach (var (key, value) in metrics.All.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{key} = {value}");
        }

        Assert.Equal(15, metrics["herald.articles.collected"]);
        Assert.Equal(15, metrics["herald.summaries method=extractive"]);
        Assert.Equal(1, metrics["herald.editions newsletter=white-house-watch outcome=built"]);
        Assert.Equal(3, metrics["herald.emails.accepted newsletter=white-house-watch"]);
        Assert.Equal(0, metrics["herald.emails.refused newsletter=white-house-watch"]);
    }

    [Fact]
    public async Task Log_lines_of_a_send_carry_the_newsletter_edition_and_batch_and_no_address()
    {
        var logs = new LogRecorder();
        await using var herald = await TestHerald.StartAsync(azurite, services: s => s.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(logs).AddLogging(b => b.SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Information)));

        await new LocalPipeline(herald.Host).RunAsync(Ct);

        var sent = logs.Lines.Where(l => l.Category == typeof(BatchSender).FullName && l.Message.StartsWith("Batch ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(sent);
        Assert.All(sent, l => Assert.Equal(("white-house-watch", "white-house-watch-20261125-0600"), (l.Scope["NewsletterId"], l.Scope["EditionId"])));
        Assert.Equal([1, 2], sent.Select(l => (int)l.Scope["Batch"]!).Distinct().Order());
        Assert.DoesNotContain(logs.Lines, l => l.Message.Contains("ada.reader@example.com", StringComparison.OrdinalIgnoreCase) || l.Scope.Values.Any(v => v?.ToString()?.Contains('@', StringComparison.Ordinal) == true));
    }

    [Fact]
    public async Task Webhook_events_are_counted_by_type_once_and_suppressions_by_reason()
    {
        await using var herald = await TestHerald.StartAsync(azurite);
        using var metrics = new MetricRecorder(herald.Get<IMeterFactory>());
        const string events = """
            [{"email":"a@example.com","event":"delivered","sg_event_id":"e1"},
             {"email":"a@example.com","event":"open","sg_event_id":"e2"},
             {"email":"b@example.com","event":"bounce","type":"bounce","sg_event_id":"e3"},
             {"email":"c@example.com","event":"spamreport","sg_event_id":"e4"}]
            """;
        await herald.Get<SubscriberImports>().AddConfirmedAsync("white-house-watch", "b@example.com", "test", Ct);
        await herald.Get<SubscriberImports>().AddConfirmedAsync("white-house-watch", "c@example.com", "test", Ct);

        await herald.Get<ProviderEventProcessor>().ProcessAsync(ProviderEventProcessor.Read(System.Text.Encoding.UTF8.GetBytes(events))!, Ct);
        await herald.Get<ProviderEventProcessor>().ProcessAsync(ProviderEventProcessor.Read(System.Text.Encoding.UTF8.GetBytes(events))!, Ct); // replayed: not counted again

        Assert.Equal((1, 1, 1, 1), (metrics["herald.webhook.events type=delivered"], metrics["herald.webhook.events type=open"], metrics["herald.webhook.events type=bounce"], metrics["herald.webhook.events type=spamreport"]));
        Assert.Equal((1, 1), (metrics["herald.suppressions reason=bounce"], metrics["herald.suppressions reason=spamreport"]));
    }

    [Fact]
    public void With_a_connection_string_the_app_exports_to_application_insights_with_its_identity()
    {
        using var services = Build(new()
        {
            [OpenTelemetryRegistration.ConnectionStringSetting] = "InstrumentationKey=00000000-0000-0000-0000-000000000002;IngestionEndpoint=http://127.0.0.1:9/",
            [OpenTelemetryRegistration.AuthenticationSetting] = "ClientId=00000000-0000-0000-0000-000000000001;Authorization=AAD",
        });

        var exporter = services.GetRequiredService<IOptionsMonitor<AzureMonitorExporterOptions>>().Get(Options.DefaultName);
        Assert.StartsWith("InstrumentationKey=00000000-0000-0000-0000-000000000002", exporter.ConnectionString, StringComparison.Ordinal);
        Assert.IsType<Azure.Identity.ManagedIdentityCredential>(exporter.Credential);
        Assert.NotNull(services.GetService<MeterProvider>());
    }

    [Fact]
    public void Without_a_connection_string_nothing_is_exported()
    {
        using var services = Build([]);

        Assert.Null(services.GetRequiredService<IOptionsMonitor<AzureMonitorExporterOptions>>().Get(Options.DefaultName).ConnectionString);
    }

    [Theory]
    [InlineData("ClientId=abc;Authorization=AAD", "abc")]
    [InlineData(" Authorization=AAD ; clientid=def ", "def")]
    [InlineData("Authorization=AAD", null)]
    [InlineData(null, null)]
    public void The_identity_comes_from_the_authentication_setting(string? setting, string? clientId)
    {
        Assert.Equal(clientId, OpenTelemetryRegistration.ClientIdOf(setting));
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(RepositoryPaths.SampleConfig)
            .AddInMemoryCollection(settings)
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Herald:TemplateDirectory"] = RepositoryPaths.Templates })
            .Build();
        return new ServiceCollection().AddLogging().AddHeraldFunctions(configuration).BuildServiceProvider();
    }
}
