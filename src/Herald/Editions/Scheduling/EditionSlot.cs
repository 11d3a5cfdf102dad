using System.Globalization;

namespace Herald.Editions.Scheduling;

/// <summary>
/// One moment a newsletter's schedule names: the instant (<see cref="At"/>) and the wall-clock time in the newsletter's
/// time zone (<see cref="Local"/>). An edition is one slot of one newsletter: "white-house-watch-20261125-0600".
/// </summary>
public sealed record EditionSlot(DateTimeOffset At, DateTime Local)
{
    /// <summary>"2026-11-25-0600": the slot in storage names and archive addresses.</summary>
    public string Key => Local.ToString("yyyy-MM-dd-HHmm", CultureInfo.InvariantCulture);

    public DateOnly Date => DateOnly.FromDateTime(Local);

    public string IdFor(string newsletterId) => $"{newsletterId}-{Local.ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture)}";

    /// <summary>A key as <see cref="Key"/> writes it, checked; anything else (a path, a script) is not a key.</summary>
    public static bool IsKey(string? key) =>
        key is { Length: 15 } && DateTime.TryParseExact(key, "yyyy-MM-dd-HHmm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
}
