using Herald.Configuration;
using Herald.Mail;
using Microsoft.Extensions.Options;

namespace Herald.Delivery;

/// <summary>
/// Checks the delivery settings at start, and that a claim outlives any request: a sender still waiting for an
/// answer when its claim lapsed could race the sender that takes over.
/// </summary>
internal sealed class DeliveryOptionsValidator(IOptions<MailOptions> mail) : IValidateOptions<DeliveryOptions>
{
    public ValidateOptionsResult Validate(string? name, DeliveryOptions options)
    {
        var failures = AnnotatedSettings.Validate(options, DeliveryOptions.SectionName).ToList();
        MailOptions transport;
        try
        {
            transport = mail.Value;
        }
        catch (OptionsValidationException)
        {
            return failures.ToResult(); // the transport's own validator names what is wrong with it
        }

        if (transport.Mode == DeliveryMode.SendGrid && options.ClaimLease < 2 * transport.SendGridTimeout)
        {
            failures.Add($"Delivery:ClaimLease: {options.ClaimLease} must be at least twice Delivery:SendGridTimeout ({transport.SendGridTimeout}).");
        }

        if (transport.Mode == DeliveryMode.Smtp && options.ClaimLease < 3 * transport.SmtpTimeout)
        {
            failures.Add($"Delivery:ClaimLease: {options.ClaimLease} must be at least three times Delivery:SmtpTimeout ({transport.SmtpTimeout}).");
        }


        return failures.ToResult();
    }
}
