using Herald.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Storage;

public static class StorageRegistration
{
    /// <summary>The HeraldStorage connection and every container, queue and table client.</summary>
    public static IServiceCollection AddHeraldStorage(this IServiceCollection services)
    {
        services.AddValidatedOptions<StorageOptions, StorageOptionsValidator>(StorageOptions.SectionName);
        services.AddSingleton<HeraldStorage>();
        services.AddSingleton<RecordPruner>();
        return services;
    }
}
