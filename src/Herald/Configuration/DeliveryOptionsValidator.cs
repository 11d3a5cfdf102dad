using Microsoft.Extensions.Options;

namespace Herald.Configuration;

internal sealed class DeliveryOptionsValidator : IValidateOptions<DeliveryOptions>
{
    public ValidateOptionsResult Validate(string? name, DeliveryOptions options)
    {
        var failures = AnnotatedSettings.Validate(options, DeliveryOptions.SectionName).ToList();
        if (!Enum.IsDefined(options.Mode))
        {
            failures.Add($"Delivery:Mode: '{options.Mode}' is not one of Outbox, SendGrid.");
        }

        if (options.Mode == DeliveryMode.SendGrid && string.IsNullOrWhiteSpace(options.SendGridApiKey))
        {
            failures.Add("Delivery:SendGridApiKey: the setting is missing; it is required when Delivery:Mode is SendGrid.");
        }

        if (options.Mode == DeliveryMode.Outbox && string.IsNullOrWhiteSpace(options.OutboxDirectory))
        {
            failures.Add("Delivery:OutboxDirectory: the setting is missing; it is required when Delivery:Mode is Outbox.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
