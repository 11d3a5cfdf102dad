using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Herald.Telemetry;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Herald.Functions.Telemetry;

public static class OpenTelemetryRegistration
{
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string AuthenticationSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    /// <summary>
    /// The worker's telemetry through OpenTelemetry: function invocations (the worker's defaults), Herald's counters
    /// (the "Herald" meter) and logs with their scopes (newsletter, edition and batch ids). Exported to Application
    /// Insights when APPLICATIONINSIGHTS_CONNECTION_STRING is set — with the managed identity that
    /// APPLICATIONINSIGHTS_AUTHENTICATION_STRING names, since the component refuses keys — and nowhere otherwise.
    /// </summary>
    public static IServiceCollection AddHeraldOpenTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var telemetry = services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .ConfigureResource(resource => resource.AddService("herald"))
            .WithMetrics(metrics => metrics.AddMeter(HeraldMetrics.MeterName));
        services.Configure<OpenTelemetryLoggerOptions>(options => options.IncludeScopes = true);

        var connectionString = configuration[ConnectionStringSetting];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            var clientId = ClientIdOf(configuration[AuthenticationSetting]);
            telemetry.UseAzureMonitorExporter(options =>
            {
                options.ConnectionString = connectionString;
                if (clientId is not null)
                {
                    options.Credential = new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
                }
            });
        }

        return services;
    }

    /// <summary>"ClientId=…;Authorization=AAD" (the setting Azure documents for Entra ID ingestion): the client id.</summary>
    public static string? ClientIdOf(string? authentication) =>
        (authentication ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2))
            .FirstOrDefault(pair => pair.Length == 2 && pair[0].Equals("ClientId", StringComparison.OrdinalIgnoreCase))?[1];
}
