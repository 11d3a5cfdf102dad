using System.ComponentModel.DataAnnotations;

namespace Herald.Local;

/// <summary>The "Local" configuration section: what Herald run on one machine reads besides the app's own settings.</summary>
public sealed class LocalOptions
{
    public const string SectionName = "Local";

    /// <summary>Subscribers "herald run" adds first (people who already consented); relative to the configuration file.</summary>
    public string? SubscribersFile { get; set; }

    /// <summary>How long a drain with nothing visible waits for hidden messages (a reader-morning release) before it stops.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan MaxQueueWait { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a received message stays hidden between renewals; tests shorten it.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan QueueVisibility { get; set; } = TimeSpan.FromSeconds(30);
}
