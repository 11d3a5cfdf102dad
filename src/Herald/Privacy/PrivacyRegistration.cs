using Microsoft.Extensions.DependencyInjection;

namespace Herald.Privacy;

public static class PrivacyRegistration
{
    /// <summary>A reader's export and erasure of their own data.</summary>
    public static IServiceCollection AddHeraldPrivacy(this IServiceCollection services) => services.AddSingleton<PersonalData>();
}
