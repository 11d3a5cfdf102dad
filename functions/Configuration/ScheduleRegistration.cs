using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Herald.Functions.Configuration;

public static class ScheduleRegistration
{
    /// <summary>The timer schedules the Functions host reads (%CollectSchedule%, %DigestSchedule%): top-level settings, validated at start.</summary>
    public static IServiceCollection AddHeraldSchedules(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ScheduleOptions>().Bind(configuration).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ScheduleOptions>, ScheduleOptionsValidator>();
        return services;
    }
}
