using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Herald.Telemetry;

public static class TelemetryRegistration
{
    /// <summary>Herald's counters; the host decides where they go (OpenTelemetry in the Functions app, nowhere locally).</summary>
    public static IServiceCollection AddHeraldTelemetry(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton<HeraldMetrics>();
        return services;
    }
}
