using Herald.Configuration;
using Herald.Mail;
using Microsoft.Extensions.Options;

namespace Herald.Inbound;

/// <summary>Fails at start when mail could be received unauthenticated, or a setting cannot be read.</summary>
internal sealed class InboundOptionsValidator : IValidateOptions<InboundOptions>
{
    public const int MinSecretLength = 24;

    public ValidateOptionsResult Validate(string? name, InboundOptions options)
    {
        var failures = AnnotatedSettings.Validate(options, InboundOptions.SectionName).ToList();

        var hasSecret = !string.IsNullOrWhiteSpace(options.Secret);
        var hasKey = !string.IsNullOrWhiteSpace(options.SendGridPublicKey);
        if (hasSecret && options.Secret!.Trim().Length < MinSecretLength)
        {
            failures.Add($"Inbound:Secret: at least {MinSecretLength} characters (it is the password in the webhook URL SendGrid calls).");
        }

        if (hasKey && SendGridWebhookVerifier.ReadKey(options.SendGridPublicKey) is null)
        {
            failures.Add("Inbound:SendGridPublicKey: not a base64 ECDSA public key (copy it from the Parse webhook's security policy).");
        }

        if (options.Enabled)
        {
            if (Uri.CheckHostName(options.ParseDomain!.Trim()) != UriHostNameType.Dns || !options.ParseDomain.Contains('.', StringComparison.Ordinal))
            {
                failures.Add($"Inbound:ParseDomain: '{options.ParseDomain}' is not a domain name.");
            }

            if (!hasSecret && !hasKey)
            {
                failures.Add("Inbound:ParseDomain is set but nothing authenticates the mail SendGrid posts: set Inbound:Secret (basic credentials in the webhook URL) or Inbound:SendGridPublicKey (a signature security policy), or both.");
            }
        }

        return failures.ToResult();
    }
}
