using Herald.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Subscribers;

public static class SubscribersRegistration
{
    /// <summary>Subscribers, their signed links, double opt-in and the provider's bounce and complaint events.</summary>
    public static IServiceCollection AddHeraldSubscribers(this IServiceCollection services)
    {
        services.AddValidatedOptions<TokenOptions>(TokenOptions.SectionName);
        services.AddSingleton<SubscriberStore>();
        services.AddSingleton<SubscriberTokens>();
        services.AddSingleton<SubscriptionService>();
        services.AddSingleton<SendGridEventProcessor>();
        return services;
    }
}
