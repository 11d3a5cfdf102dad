using Herald.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Herald.Mail;

public static class MailRegistration
{
    /// <summary>The mail transports, the one Delivery:Mode chooses as <see cref="IMailTransport"/>, and single emails through it.</summary>
    public static IServiceCollection AddHeraldMail(this IServiceCollection services)
    {
        services.AddValidatedOptions<DeliveryOptions, DeliveryOptionsValidator>(DeliveryOptions.SectionName);

        // No retry handler here: a POST that may have been taken must not be repeated blindly; delivery decides.
        services.AddHttpClient(SendGridTransport.HttpClientName, (sp, client) => client.Timeout = sp.GetRequiredService<IOptions<DeliveryOptions>>().Value.SendGridTimeout)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        services.AddSingleton<OutboxTransport>();
        services.AddSingleton<SendGridTransport>();
        services.AddSingleton<SmtpTransport>();
        services.AddSingleton<IMailTransport>(sp => sp.GetRequiredService<IOptions<DeliveryOptions>>().Value.Mode switch
        {
            DeliveryMode.SendGrid => sp.GetRequiredService<SendGridTransport>(),
            DeliveryMode.Smtp => sp.GetRequiredService<SmtpTransport>(),
            _ => sp.GetRequiredService<OutboxTransport>(),
        });
        services.AddSingleton<IMailSender, MailSender>();
        services.AddSingleton<SendGridWebhookVerifier>();
        return services;
    }
}
