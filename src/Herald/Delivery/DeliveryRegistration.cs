using Herald.Editions;
using Herald.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Delivery;

public static class DeliveryRegistration
{
    /// <summary>Fanning an edition out to its subscribers, sending each batch once, and the ledger that says how far each got.</summary>
    public static IServiceCollection AddHeraldDelivery(this IServiceCollection services)
    {
        services.AddSingleton<DeliveryLedger>();
        services.AddSingleton<BatchRecipients>();
        services.AddSingleton<DigestMail>();
        services.AddSingleton<TestSender>();
        services.AddSingleton<BatchCutter>();
        services.AddSingleton<EditionFanOut>();
        services.AddSingleton<IEditionFanOut>(sp => sp.GetRequiredService<EditionFanOut>());
        services.AddSingleton<BatchInputs>();
        services.AddSingleton<ChunkSender>();
        services.AddSingleton<BatchSender>();
        services.AddSingleton<DeliveryRedrive>();
        services.AddSingleton<DeliveryOverview>();
        services.AddSingleton<ProviderEventLog>();
        services.AddSingleton<IExpiringRecords>(sp => sp.GetRequiredService<ProviderEventLog>());
        services.AddSingleton<ProviderEventProcessor>();
        return services;
    }
}
