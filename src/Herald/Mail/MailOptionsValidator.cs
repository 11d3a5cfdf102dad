using Herald.Configuration;
using Microsoft.Extensions.Options;

namespace Herald.Mail;

internal sealed class MailOptionsValidator : IValidateOptions<MailOptions>
{
    public ValidateOptionsResult Validate(string? name, MailOptions options)
    {
        var failures = AnnotatedSettings.Validate(options, MailOptions.SectionName).ToList();
        if (!Enum.IsDefined(options.Mode))
        {
            failures.Add($"Delivery:Mode: '{options.Mode}' is not one of Outbox, SendGrid, Smtp.");
        }

        if (options.Mode == DeliveryMode.SendGrid && string.IsNullOrWhiteSpace(options.SendGridApiKey))
        {
            failures.Add("Delivery:SendGridApiKey: the setting is missing; it is required when Delivery:Mode is SendGrid.");
        }

        if (options.Mode == DeliveryMode.SendGrid && string.IsNullOrWhiteSpace(options.SendGridWebhookPublicKey))
        {
            failures.Add("Delivery:SendGridWebhookPublicKey: the setting is missing; it is required when Delivery:Mode is SendGrid (bounces and complaints arrive through the signed event webhook).");
        }
        else if (!string.IsNullOrWhiteSpace(options.SendGridWebhookPublicKey) && SendGridWebhookVerifier.ReadKey(options.SendGridWebhookPublicKey) is null)
        {
            failures.Add("Delivery:SendGridWebhookPublicKey: not a base64 ECDSA public key (copy it from SendGrid's Event Webhook settings).");
        }

        if (options.Mode == DeliveryMode.Smtp && string.IsNullOrWhiteSpace(options.SmtpHost))
        {
            failures.Add("Delivery:SmtpHost: the setting is missing; it is required when Delivery:Mode is Smtp.");
        }

        if (options.Mode == DeliveryMode.Smtp && !string.IsNullOrEmpty(options.SmtpUsername) && options.SmtpSecurity == MailKit.Security.SecureSocketOptions.None)
        {
            failures.Add("Delivery:SmtpSecurity: None would send Delivery:SmtpPassword in the clear; use StartTls or SslOnConnect.");
        }

        if (options.Mode == DeliveryMode.Outbox && string.IsNullOrWhiteSpace(options.OutboxDirectory))
        {
            failures.Add("Delivery:OutboxDirectory: the setting is missing; it is required when Delivery:Mode is Outbox.");
        }

        return failures.ToResult();
    }
}
