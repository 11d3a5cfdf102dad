using Microsoft.Extensions.DependencyInjection;

namespace Herald.Site;

public static class SiteRegistration
{
    /// <summary>The pages readers open: subscribe, confirm, unsubscribe, preferences and the archive.</summary>
    public static IServiceCollection AddHeraldSite(this IServiceCollection services) =>
        services.AddSingleton<SubscriptionPages>().AddSingleton<ArchivePages>();
}
