using Herald.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Herald.Mail;

public static class MailRegistration
{
    /// <summary>The mail transports and the one Delivery:Mode chooses as <see cref="IMailSender"/>.</summary>
    public static IServiceCollection AddHeraldMail(this IServiceCollection services)
    {
        services.AddValidatedOptions<MailOptions, MailOptionsValidator>(MailOptions.SectionName);
        services.AddHttpClient(SendGridMailSender.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton<OutboxMailSender>();
        services.AddSingleton<SendGridMailSender>();
        services.AddSingleton<IMailSender>(sp => sp.GetRequiredService<IOptions<MailOptions>>().Value.Mode == DeliveryMode.SendGrid
            ? sp.GetRequiredService<SendGridMailSender>()
            : sp.GetRequiredService<OutboxMailSender>());
        return services;
    }
}
