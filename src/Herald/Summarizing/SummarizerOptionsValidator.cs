using Herald.Configuration;
using Microsoft.Extensions.Options;

namespace Herald.Summarizing;

internal sealed class SummarizerOptionsValidator : IValidateOptions<SummarizerOptions>
{
    public ValidateOptionsResult Validate(string? name, SummarizerOptions options)
    {
        var failures = AnnotatedSettings.Validate(options, SummarizerOptions.SectionName).ToList();
        if (!Enum.IsDefined(options.Mode))
        {
            failures.Add($"Summarizer:Mode: '{options.Mode}' is not one of Extractive, Chat.");
        }

        if (options.Mode == SummarizerMode.Chat)
        {
            if (!Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var endpoint) || (endpoint.Scheme != Uri.UriSchemeHttps && !endpoint.IsLoopback))
            {
                failures.Add("Summarizer:Endpoint: the setting is missing or not an https address; it is required when Summarizer:Mode is Chat.");
            }

            if (string.IsNullOrWhiteSpace(options.Deployment))
            {
                failures.Add("Summarizer:Deployment: the setting is missing; it is required when Summarizer:Mode is Chat.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
