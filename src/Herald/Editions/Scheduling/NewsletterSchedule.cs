using System.Collections.Concurrent;
using Cronos;
using Herald.Configuration;

namespace Herald.Editions.Scheduling;

/// <summary>
/// A newsletter's schedule (Cronos, in its IANA time zone): which slots have come. Cronos keeps wall-clock schedules
/// through daylight-saving changes: a time in the spring-forward gap fires once, just after it; a time in the
/// autumn overlap fires once, at its first occurrence.
/// </summary>
public sealed class NewsletterSchedule
{
    private static readonly ConcurrentDictionary<(string, string), NewsletterSchedule> Cache = new();

    private readonly CronExpression _cron;

    private NewsletterSchedule(CronExpression cron, TimeZoneInfo zone) => (_cron, Zone) = (cron, zone);

    public TimeZoneInfo Zone { get; }

    public static NewsletterSchedule For(NewsletterOptions newsletter) =>
        Cache.GetOrAdd((newsletter.Schedule, newsletter.TimeZone), key => Parse(key.Item1, key.Item2));

    /// <summary>The schedule, or a <see cref="FormatException"/> saying what is wrong with it.</summary>
    public static NewsletterSchedule Parse(string schedule, string timeZone)
    {
        var fields = (schedule ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        CronExpression cron;
        try
        {
            cron = CronExpression.Parse(schedule ?? "", fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
        }
        catch (CronFormatException ex)
        {
            throw new FormatException($"'{schedule}' is not a cron expression (minute hour day month weekday, or with seconds first): {ex.Message}", ex);
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZone ?? "", out var zone))
        {
            throw new FormatException($"'{timeZone}' is not a time zone this system knows; use an IANA name such as \"America/New_York\".");
        }

        return new NewsletterSchedule(cron, zone);
    }

    public EditionSlot SlotAt(DateTimeOffset at) => new(at.ToUniversalTime(), TimeZoneInfo.ConvertTime(at, Zone).DateTime);

    /// <summary>The slots after <paramref name="after"/> up to and including <paramref name="now"/>, oldest first, at most <paramref name="max"/> (the latest ones).</summary>
    public IReadOnlyList<EditionSlot> Between(DateTimeOffset after, DateTimeOffset now, int max) =>
        after >= now ? [] : [.. _cron.GetOccurrences(after, now, Zone, fromInclusive: false, toInclusive: true).TakeLast(max).Select(SlotAt)];

    /// <summary>The latest slot at or before <paramref name="now"/> and after <paramref name="since"/>; null when there is none.</summary>
    public EditionSlot? Latest(DateTimeOffset since, DateTimeOffset now) => Between(since, now, 1) is [var slot] ? slot : null;

    public EditionSlot? Next(DateTimeOffset after) => _cron.GetNextOccurrence(after, Zone) is { } next ? SlotAt(next) : null;
}
