using Herald.Editions;
using Herald.Editions.Scheduling;

namespace Herald.UnitTests.Editions;

/// <summary>
/// Newsletter schedules in local time, walked through a whole year the way BuildDigests walks it: a wake every five
/// minutes asks which slots came since the last one built (the same <see cref="EditionDispatcher.DueSlots"/> the
/// dispatcher uses), across both daylight-saving changes.
/// </summary>
public class ScheduleTests
{
    private static readonly TimeSpan Wake = TimeSpan.FromMinutes(5);

    [Fact]
    public void A_new_york_weekday_0630_newsletter_fires_once_every_weekday_and_never_at_weekends_all_year()
    {
        var fired = Walk("30 6 * * 1-5", "America/New_York", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero));

        var byDay = fired.GroupBy(s => s.Date).ToDictionary(g => g.Key, g => g.ToList());
        for (var day = new DateOnly(2026, 1, 1); day < new DateOnly(2027, 1, 1); day = day.AddDays(1))
        {
            var weekday = day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
            Assert.True(byDay.TryGetValue(day, out var slots) == weekday, $"{day:yyyy-MM-dd} ({day.DayOfWeek}): {(weekday ? "no edition" : "an edition at the weekend")}");
            if (weekday)
            {
                var slot = Assert.Single(slots!);
                Assert.Equal(new TimeOnly(6, 30), TimeOnly.FromDateTime(slot.Local));
            }
        }

        // Both sides of both changes: 06:30 EST is 11:30 UTC, 06:30 EDT is 10:30 UTC.
        Assert.Equal(new DateTimeOffset(2026, 3, 6, 11, 30, 0, TimeSpan.Zero), fired.Single(s => s.Date == new DateOnly(2026, 3, 6)).At);
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 10, 30, 0, TimeSpan.Zero), fired.Single(s => s.Date == new DateOnly(2026, 3, 9)).At);
        Assert.Equal(new DateTimeOffset(2026, 10, 30, 10, 30, 0, TimeSpan.Zero), fired.Single(s => s.Date == new DateOnly(2026, 10, 30)).At);
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 11, 30, 0, TimeSpan.Zero), fired.Single(s => s.Date == new DateOnly(2026, 11, 2)).At);
        Assert.Equal(261, fired.Count);
    }

    [Fact]
    public void A_0230_daily_newsletter_fires_once_on_the_spring_forward_day_and_once_on_the_fall_back_day()
    {
        // 2026-03-08: New York skips from 02:00 to 03:00; 2026-11-01: 01:00-02:00 happens twice.
        var fired = Walk("30 2 * * *", "America/New_York", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal(365, fired.Count);
        Assert.All(fired.GroupBy(s => s.Date), day => Assert.Single(day));
        var spring = fired.Single(s => s.Date == new DateOnly(2026, 3, 8));
        Assert.Equal(new DateTimeOffset(2026, 3, 8, 7, 0, 0, TimeSpan.Zero), spring.At); // 02:30 does not exist: it goes at 03:00 EDT, once
        var autumn = fired.Single(s => s.Date == new DateOnly(2026, 11, 1));
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 7, 30, 0, TimeSpan.Zero), autumn.At); // 02:30 EST, after the repeated hour
    }

    [Fact]
    public void A_0130_daily_newsletter_fires_once_in_the_autumn_hour_that_happens_twice()
    {
        var fired = Walk("30 1 * * *", "America/New_York", new DateTimeOffset(2026, 10, 31, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 3, 0, 0, 0, TimeSpan.Zero));

        var autumn = Assert.Single(fired, s => s.Date == new DateOnly(2026, 11, 1));
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 5, 30, 0, TimeSpan.Zero), autumn.At); // the first 01:30 (EDT), not the second
    }

    [Fact]
    public void Slots_missed_while_nothing_ran_are_all_built_late_once_and_a_first_run_builds_only_the_latest()
    {
        var schedule = NewsletterSchedule.Parse("0 6 * * *", "Europe/Berlin");
        var last = new DateTimeOffset(2026, 11, 20, 5, 0, 0, TimeSpan.Zero); // 06:00 in Berlin on the 20th
        var now = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

        var missed = EditionDispatcher.DueSlots(schedule, last, now);
        var first = EditionDispatcher.DueSlots(schedule, null, now);
        var again = EditionDispatcher.DueSlots(schedule, missed[^1].At, now);

        Assert.Equal(["2026-11-21-0600", "2026-11-22-0600", "2026-11-23-0600"], missed.Select(s => s.Key));
        Assert.Equal(["2026-11-23-0600"], first.Select(s => s.Key));
        Assert.Empty(again);
    }

    /// <summary>Every slot a BuildDigests waking every five minutes from <paramref name="from"/> to <paramref name="to"/> builds.</summary>
    private static List<EditionSlot> Walk(string cron, string zone, DateTimeOffset from, DateTimeOffset to)
    {
        var schedule = NewsletterSchedule.Parse(cron, zone);
        var fired = new List<EditionSlot>();
        DateTimeOffset? last = null;
        for (var now = from; now < to; now += Wake)
        {
            var due = EditionDispatcher.DueSlots(schedule, last, now);
            if (last is null)
            {
                // The very first wake of a new newsletter builds the latest slot of the last day; the walk starts clean.
                last = due.Count > 0 ? due[^1].At : now;
                continue;
            }

            fired.AddRange(due);
            if (due.Count > 0)
            {
                last = due[^1].At;
            }
        }

        return fired;
    }
}
