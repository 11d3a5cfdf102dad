using Herald.Configuration;
using Herald.Editions.Scheduling;

namespace Herald.UnitTests.Editions;

/// <summary>
/// When a reader gets an edition of a newsletter delivered in each reader's morning: at the reader time on their own
/// wall clock, once per edition, through every daylight-saving change of their zone and the newsletter's.
/// </summary>
public class ReaderMorningTests
{
    private static readonly NewsletterOptions Daily = new() { Id = "morning", Schedule = "0 6 * * *", TimeZone = "America/New_York", ReaderTime = "07:00" };

    [Theory]
    [InlineData("America/New_York")]
    [InlineData("America/Los_Angeles")]
    [InlineData("Europe/London")]
    [InlineData("Asia/Kolkata")]
    [InlineData("Australia/Sydney")]
    [InlineData("Pacific/Auckland")]
    public void Every_edition_of_a_year_reaches_a_reader_at_seven_on_their_clock_once_a_day(string readerZone)
    {
        var schedule = NewsletterSchedule.For(Daily);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(readerZone);
        var slots = schedule.Between(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero), 1_000);
        var releases = slots.Select(s => (Slot: s.At, Release: ReaderMorning.ReleaseAt(Daily, s.At, readerZone))).ToList();

        Assert.Equal(365, releases.Count);
        Assert.All(releases, r =>
        {
            Assert.InRange(r.Release, r.Slot, r.Slot.AddDays(1));
            Assert.Equal(new TimeOnly(7, 0), TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(r.Release, zone).DateTime));
        });

        // One edition per local day of the reader: no day gets two and none is skipped, across both changes of both zones.
        var days = releases.Select(r => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(r.Release, zone).DateTime)).ToList();
        Assert.All(days.Zip(days.Skip(1)), pair => Assert.Equal(pair.First.AddDays(1), pair.Second));
    }

    [Fact]
    public void A_reader_time_in_the_spring_gap_releases_just_after_it_and_one_in_the_autumn_overlap_releases_once()
    {
        var night = new NewsletterOptions { Id = "night", Schedule = "0 0 * * *", TimeZone = "America/New_York", ReaderTime = "02:30" };

        // 2026-03-08: New York's clocks go from 02:00 to 03:00, so 02:30 never happens; the reader gets it at 03:00 EDT.
        var spring = ReaderMorning.ReleaseAt(night, new DateTimeOffset(2026, 3, 8, 5, 0, 0, TimeSpan.Zero), null);
        Assert.Equal(new DateTimeOffset(2026, 3, 8, 7, 0, 0, TimeSpan.Zero), spring);

        // 2026-11-01: 01:00-02:00 happens twice; "01:30" would be twice, and a 02:30 reader gets it once, at 02:30 EST.
        var autumn = ReaderMorning.ReleaseAt(night, new DateTimeOffset(2026, 11, 1, 4, 0, 0, TimeSpan.Zero), null);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 7, 30, 0, TimeSpan.Zero), autumn);
        var overlap = new NewsletterOptions { Id = "overlap", Schedule = "0 0 * * *", TimeZone = "America/New_York", ReaderTime = "01:30" };
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 5, 30, 0, TimeSpan.Zero), ReaderMorning.ReleaseAt(overlap, new DateTimeOffset(2026, 11, 1, 4, 0, 0, TimeSpan.Zero), null));
    }

    [Fact]
    public void A_reader_whose_time_has_come_at_the_slot_gets_it_at_the_slot_and_an_unknown_zone_counts_as_the_newsletters()
    {
        var slot = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero); // 07:00 in New York

        Assert.Equal(slot, ReaderMorning.ReleaseAt(Daily, slot, "America/New_York"));
        Assert.Equal(slot, ReaderMorning.ReleaseAt(Daily, slot, "Mars/Olympus_Mons"));
        Assert.Equal(slot, ReaderMorning.ReleaseAt(Daily, slot, null));
        Assert.Equal(slot, ReaderMorning.ReleaseAt(new NewsletterOptions { Id = "at-once", TimeZone = "America/New_York" }, slot, "Asia/Tokyo"));
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 22, 0, 0, TimeSpan.Zero), ReaderMorning.ReleaseAt(Daily, slot, "Asia/Tokyo")); // 07:00 on the 26th in Tokyo
    }

    [Fact]
    public void The_zones_a_reader_can_choose_are_iana_names()
    {
        Assert.Contains("America/New_York", ReaderMorning.Zones);
        Assert.Contains("Asia/Kolkata", ReaderMorning.Zones);
        Assert.Contains("UTC", ReaderMorning.Zones);
        Assert.True(ReaderMorning.Zones.Count > 300, $"only {ReaderMorning.Zones.Count} zones");
    }
}
