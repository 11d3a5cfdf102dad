using Herald.Functions.Configuration;
using Herald.Functions.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Functions;

public static class HeraldFunctionsSetup
{
    /// <summary>Everything Program.cs registers; the tests build the same collection to prove every function resolves.</summary>
    public static IServiceCollection AddHeraldFunctions(this IServiceCollection services, IConfiguration configuration) =>
        services
            .AddHerald(configuration)
            .AddHeraldSchedules(configuration)
            .AddHeraldOpenTelemetry(configuration);
}
