using System.ComponentModel.DataAnnotations;

namespace Herald.Functions.Configuration;

/// <summary>
/// Top-level app settings the Functions host reads as %CollectSchedule%, %DigestSchedule% and %PruneSchedule%.
/// They are validated here too so that a malformed schedule fails at start, naming the setting.
/// </summary>
public sealed class ScheduleOptions
{
    /// <summary>NCRONTAB with seconds ("0 */30 * * * *").</summary>
    [Required]
    public string CollectSchedule { get; set; } = "";

    [Required]
    public string DigestSchedule { get; set; } = "";

    /// <summary>When expired rows are removed (PruneRecords): once a day is enough.</summary>
    [Required]
    public string PruneSchedule { get; set; } = "";
}
