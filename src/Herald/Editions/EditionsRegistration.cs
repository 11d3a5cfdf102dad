using Herald.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Herald.Editions;

public static class EditionsRegistration
{
    /// <summary>Selecting, rendering and storing each newsletter's edition.</summary>
    public static IServiceCollection AddHeraldEditions(this IServiceCollection services) =>
        services.AddSingleton<EditionStore>().AddSingleton<DigestRenderer>().AddSingleton<EditionBuilder>()
            .AddSingleton<IValidateOptions<HeraldOptions>, ScheduleValidator>();
}
