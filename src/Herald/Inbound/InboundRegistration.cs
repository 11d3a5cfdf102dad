using Herald.Configuration;
using Herald.Links;
using Herald.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Inbound;

public static class InboundRegistration
{
    /// <summary>Mail to Herald through SendGrid Inbound Parse: subscribe, unsubscribe and help by email.</summary>
    public static IServiceCollection AddHeraldInbound(this IServiceCollection services)
    {
        services.AddValidatedOptions<InboundOptions, InboundOptionsValidator>(InboundOptions.SectionName);
        services.AddSingleton<InboundAuthenticator>();
        services.AddSingleton<InboundLog>();
        services.AddSingleton<IExpiringRecords>(sp => sp.GetRequiredService<InboundLog>());
        services.AddSingleton<InboundSignUps>();
        services.AddSingleton<InboundReplies>();
        services.AddSingleton<InboundCommands>();
        services.AddSingleton<IUnsubscribeMailbox, InboundUnsubscribeMailbox>();
        return services;
    }
}
