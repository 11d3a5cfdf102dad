using System.ComponentModel.DataAnnotations;

namespace Herald.Functions.Configuration;

/// <summary>
/// Top-level app settings the Functions host reads as %CollectSchedule% and %DigestSchedule%.
/// They are validated here too so that a malformed schedule fails at start, naming the setting.
/// </summary>
public sealed class ScheduleOptions
{
    /// <summary>NCRONTAB with seconds ("0 */30 * * * *").</summary>
    [Required]
    public string CollectSchedule { get; set; } = "";

    [Required]
    public string DigestSchedule { get; set; } = "";
}
