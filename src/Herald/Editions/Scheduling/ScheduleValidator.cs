using Herald.Configuration;
using Microsoft.Extensions.Options;

namespace Herald.Editions.Scheduling;

/// <summary>Fails at start when a newsletter's schedule, time zone or reader time cannot be read, naming the setting.</summary>
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

            if (options.Newsletters[i].ReaderTime is { } readerTime && !ReaderMorning.TryParseTime(readerTime, out _))
            {
                failures.Add($"Herald:Newsletters:{i}:ReaderTime: '{readerTime}' is not a time of day; use 24-hour \"HH:mm\" such as \"06:30\", or leave it out to send everyone the edition at its slot.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Why the newsletter's schedule or time zone cannot be read; null when they can.</summary>
    public static string? Problem(NewsletterOptions newsletter)
    {
        try
        {
            NewsletterSchedule.Parse(newsletter.Schedule, newsletter.TimeZone);
            return null;
        }
        catch (FormatException ex)
        {
            return ex.Message;
        }
    }
}
