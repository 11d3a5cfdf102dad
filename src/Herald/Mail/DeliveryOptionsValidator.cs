using Herald.Configuration;
using Microsoft.Extensions.Options;

namespace Herald.Mail;

/// <summary>
/// Checks the delivery settings at start: the transport's keys for its mode, and that a claim outlives any request (a
/// sender still waiting for an answer when its claim lapsed could race the sender that takes over).
/// </summary>
internal sealed class DeliveryOptionsValidator : IValidateOptions<DeliveryOptions>
{
    public ValidateOptionsResult Validate(string? name, DeliveryOptions options)
    {
        var failures = AnnotatedSettings.Validate(options, DeliveryOptions.SectionName).ToList();
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

        if (options.Mode == DeliveryMode.SendGrid && options.ClaimLease < 2 * options.SendGridTimeout)
        {
            failures.Add($"Delivery:ClaimLease: {options.ClaimLease} must be at least twice Delivery:SendGridTimeout ({options.SendGridTimeout}).");
        }

        if (options.Mode == DeliveryMode.Smtp && options.ClaimLease < 3 * options.SmtpTimeout)
        {
            failures.Add($"Delivery:ClaimLease: {options.ClaimLease} must be at least three times Delivery:SmtpTimeout ({options.SmtpTimeout}).");
        }

        return failures.ToResult();
    }
}
