using Herald.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Delivery;

public static class DeliveryRegistration
{
    /// <summary>Fanning an edition out to its subscribers and sending each batch once.</summary>
    public static IServiceCollection AddHeraldDelivery(this IServiceCollection services)
    {
        services.AddValidatedOptions<DeliveryOptions>(DeliveryOptions.SectionName);
        services.AddSingleton<DeliveryLedger>();
        services.AddSingleton<DigestSender>();
        services.AddSingleton<EditionDispatcher>();
        return services;
    }
}
