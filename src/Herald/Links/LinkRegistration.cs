using Microsoft.Extensions.DependencyInjection;

namespace Herald.Links;

public static class LinkRegistration
{
    /// <summary>The public addresses of Herald's pages, for links in emails.</summary>
    public static IServiceCollection AddHeraldLinks(this IServiceCollection services) => services.AddSingleton<SiteLinks>();
}
