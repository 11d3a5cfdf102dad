using Cronos;
using Microsoft.Extensions.Options;

namespace Herald.Functions.Configuration;

/// <summary>The Functions host reads schedules as six-field NCRONTAB (with seconds); a bad one must fail at start, by name.</summary>
internal sealed class ScheduleOptionsValidator : IValidateOptions<ScheduleOptions>
{
    public ValidateOptionsResult Validate(string? name, ScheduleOptions options)
    {
        var failures = new List<string>();
        Check(nameof(ScheduleOptions.CollectSchedule), options.CollectSchedule, failures);
        Check(nameof(ScheduleOptions.DigestSchedule), options.DigestSchedule, failures);
        Check(nameof(ScheduleOptions.PruneSchedule), options.PruneSchedule, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(string setting, string value, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            failures.Add($"{setting}: the setting is missing; give a six-field NCRONTAB schedule such as \"0 0 6 * * *\".");
            return;
        }

        try
        {
            CronExpression.Parse(value, CronFormat.IncludeSeconds);
        }
        catch (CronFormatException ex)
        {
            failures.Add($"{setting}: '{value}' is not a six-field NCRONTAB schedule (second minute hour day month weekday): {ex.Message}");
        }
    }
}
