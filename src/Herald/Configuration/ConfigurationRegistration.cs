using Microsoft.Extensions.DependencyInjection;

namespace Herald.Configuration;

public static class ConfigurationRegistration
{
    /// <summary>The shared "Herald" settings (newsletters, public address, templates folder), validated at start.</summary>
    public static IServiceCollection AddHeraldConfiguration(this IServiceCollection services) =>
        services.AddValidatedOptions<HeraldOptions, HeraldOptionsValidator>(HeraldOptions.SectionName);
}
