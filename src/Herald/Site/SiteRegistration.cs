using Herald.Configuration;
using Herald.Site.Http;
using Herald.Site.Pages;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Site;

public static class SiteRegistration
{
    /// <summary>What strangers reach: the pages behind the links, the sign-up form and API, the archive and the provider's webhook.</summary>
    public static IServiceCollection AddHeraldSite(this IServiceCollection services)
    {
        services.AddValidatedOptions<SiteOptions>(SiteOptions.SectionName);
        services.AddSingleton<SitePages>();
        services.AddSingleton<OriginPolicy>();
        services.AddSingleton<ClientAddress>();
        services.AddSingleton<SignUpLimits>();
        foreach (var endpoint in SiteEndpoints.All)
        {
            services.AddSingleton(endpoint.Handler);
        }

        return services;
    }
}
