using System.Collections.Concurrent;
using System.Globalization;
using Cronos;
using Herald.Configuration;

namespace Herald.Editions.Scheduling;

/// <summary>
/// When a reader gets an edition of a newsletter delivered in each reader's morning (<see cref="NewsletterOptions.ReaderTime"/>):
/// the first moment at or after the edition's slot when the reader's wall clock shows that time. Cronos does the
/// wall-clock arithmetic, so a reader time inside a spring-forward gap releases just after the gap, and one inside
/// an autumn overlap releases once, at its first occurrence.
/// </summary>
public static class ReaderMorning
{
    private static readonly ConcurrentDictionary<TimeOnly, CronExpression> Daily = new();

    /// <summary>Reads "HH:mm" (24-hour).</summary>
    public static bool TryParseTime(string? value, out TimeOnly time) =>
        TimeOnly.TryParseExact(value ?? "", "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    /// <summary>True when the newsletter delivers in each reader's morning rather than to everyone at its slot.</summary>
    public static bool Applies(NewsletterOptions newsletter) => TryParseTime(newsletter.ReaderTime, out _);

    /// <summary>A reader's time zone: the IANA id they chose when this system knows it, else the newsletter's.</summary>
    public static TimeZoneInfo ZoneOf(string? readerZone, NewsletterOptions newsletter) =>
        readerZone is { Length: > 0 } && TimeZoneInfo.TryFindSystemTimeZoneById(readerZone, out var zone)
            ? zone
            : NewsletterSchedule.For(newsletter).Zone;

    /// <summary>When the edition of <paramref name="slotAt"/> may go to a reader in <paramref name="zone"/>.</summary>
    public static DateTimeOffset ReleaseAt(TimeOnly readerTime, DateTimeOffset slotAt, TimeZoneInfo zone)
    {
        var daily = Daily.GetOrAdd(readerTime, t => CronExpression.Parse(string.Create(CultureInfo.InvariantCulture, $"{t.Minute} {t.Hour} * * *")));

        // A daily time always comes within a day (two across a 25-hour autumn day), so there is always a next one.
        return daily.GetNextOccurrence(slotAt.ToUniversalTime(), zone, inclusive: true) ?? slotAt;
    }

    /// <summary>When the newsletter's edition of <paramref name="slotAt"/> may go to a reader who chose <paramref name="readerZone"/>; the slot itself when the newsletter sends to everyone at once.</summary>
    public static DateTimeOffset ReleaseAt(NewsletterOptions newsletter, DateTimeOffset slotAt, string? readerZone) =>
        TryParseTime(newsletter.ReaderTime, out var time) ? ReleaseAt(time, slotAt, ZoneOf(readerZone, newsletter)) : slotAt;

    /// <summary>The time zones a reader can choose: the IANA zones this system knows, by name.</summary>
    public static IReadOnlyList<string> Zones { get; } =
        [.. TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Where(id => id.Contains('/', StringComparison.Ordinal) || id == "UTC").Order(StringComparer.Ordinal)];
}
