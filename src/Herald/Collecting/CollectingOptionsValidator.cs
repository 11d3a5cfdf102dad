using Herald.Collecting.Fetching;
using Herald.Configuration;
using Microsoft.Extensions.Options;

namespace Herald.Collecting;

internal sealed class CollectingOptionsValidator : IValidateOptions<CollectingOptions>
{
    public ValidateOptionsResult Validate(string? name, CollectingOptions options)
    {
        var failures = AnnotatedSettings.Validate(options, CollectingOptions.SectionName).ToList();
        if (options.TotalTimeout < options.AttemptTimeout)
        {
            failures.Add("Collecting:TotalTimeout: must be at least Collecting:AttemptTimeout.");
        }

        if (!string.IsNullOrEmpty(options.Proxy) && ProxyAddress.Problem(options.Proxy) is { } problem)
        {
            failures.Add($"Collecting:Proxy: {problem}");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
