using Microsoft.Extensions.Options;

namespace Herald.Configuration;

/// <summary>Checks the shared "Herald" settings at start: their annotations and that newsletter ids are unique.</summary>
internal sealed class HeraldOptionsValidator : IValidateOptions<HeraldOptions>
{
    public ValidateOptionsResult Validate(string? name, HeraldOptions options)
    {
        var failures = AnnotatedSettings.Validate(options, HeraldOptions.SectionName).ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Newsletters.Count; i++)
        {
            if (!seen.Add(options.Newsletters[i].Id))
            {
                failures.Add($"Herald:Newsletters:{i}:Id: '{options.Newsletters[i].Id}' is used by another newsletter.");
            }
        }

        return failures.ToResult();
    }
}
