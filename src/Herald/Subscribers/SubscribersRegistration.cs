using Herald.Configuration;
using Herald.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Subscribers;

public static class SubscribersRegistration
{
    /// <summary>Subscribers, their signed links, double opt-in, suppression and the consent trail.</summary>
    public static IServiceCollection AddHeraldSubscribers(this IServiceCollection services)
    {
        services.AddValidatedOptions<SignUpQuotaOptions>(SignUpQuotaOptions.SectionName);
        services.AddSingleton<SignUpQuota>();
        services.AddSingleton<IExpiringRecords>(sp => sp.GetRequiredService<SignUpQuota>());
        services.AddSingleton<SubscriberStore>();
        services.AddSingleton<SuppressionList>();
        services.AddSingleton<ConsentLog>();
        services.AddSingleton<ClientIpHasher>();
        services.AddSingleton<SubscriberTokens>();
        services.AddSingleton<ConfirmationMail>();
        services.AddSingleton<SignUpService>();
        services.AddSingleton<ConfirmationService>();
        services.AddSingleton<PreferencesService>();
        services.AddSingleton<OptOutService>();
        services.AddSingleton<SubscriberImports>();
        services.AddSingleton<ReaderLinks>();
        services.AddSingleton<SubscriberCsv>();
        return services;
    }
}
