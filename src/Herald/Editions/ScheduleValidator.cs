using Herald.Configuration;
using Microsoft.Extensions.Options;

namespace Herald.Editions;

/// <summary>Fails at start when a newsletter's schedule or time zone cannot be read, naming the setting.</summary>
internal sealed class ScheduleValidator : IValidateOptions<HeraldOptions>
{
    public ValidateOptionsResult Validate(string? name, HeraldOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.Newsletters.Count; i++)
        {
            try
            {
                NewsletterSchedule.Parse(options.Newsletters[i].Schedule, options.Newsletters[i].TimeZone);
            }
            catch (FormatException ex)
            {
                var setting = ex.Message.Contains("time zone", StringComparison.Ordinal) ? "TimeZone" : "Schedule";
                failures.Add($"Herald:Newsletters:{i}:{setting}: {ex.Message}");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
