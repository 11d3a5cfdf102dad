using Herald.Collecting;

namespace Herald.UnitTests.Collecting;

/// <summary>Dates as feeds in the wild write them, each read to the same instant; what is no date is null, never an exception.</summary>
public class FeedDatesTests
{
    [Theory]
    [InlineData("Tue, 24 Nov 2026 14:05:00 -0500")]
    [InlineData("Tue, 24 Nov 2026 14:05:00 EST")]
    [InlineData("24 Nov 2026 14:05:00 -0500")]
    [InlineData("Tue, 24 Nov 26 19:05:00 GMT")]
    [InlineData("Tuesday, 24-Nov-26 19:05:00 GMT")]
    [InlineData("Tue, 24 November 2026 19:05:00 UT")]
    [InlineData("Tue,24 Nov 2026 19:05:00 +0000")]
    [InlineData("Tue, 24 Nov 2026 11:05:00 PST")]
    [InlineData("Tue, 24 Nov 2026 19:05:00 Z")]
    [InlineData("Tue, 24 Nov 2026 19:05:00")]
    [InlineData("Tue, 24 Nov 2026 20:05:00 +01:00")]
    [InlineData("2026-11-24T19:05:00Z")]
    [InlineData("2026-11-24T14:05:00-05:00")]
    [InlineData("2026-11-24T14:05:00-0500")]
    [InlineData("2026-11-24 19:05:00")]
    [InlineData("2026-11-24T19:05Z")]
    [InlineData("2026-11-24T19:05:00.000Z")]
    [InlineData("20261124T190500Z")]
    [InlineData("  2026-11-24T19:05:00+00:00  ")]
    public void Every_variant_is_the_same_instant(string text)
    {
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 19, 5, 0, TimeSpan.Zero), FeedDates.Parse(text));
    }

    [Theory]
    [InlineData("2026-11-24", 2026, 11, 24, 0, 0)]
    [InlineData("Tue, 24 Nov 2026", 2026, 11, 24, 0, 0)]
    [InlineData("2026-11-24T24:00:00Z", 2026, 11, 25, 0, 0)]
    [InlineData("Sun, 01 Mar 1998 09:30 EST", 1998, 3, 1, 14, 30)]
    public void Dates_without_a_time_or_at_the_edges(string text, int year, int month, int day, int hour, int minute)
    {
        Assert.Equal(new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.Zero), FeedDates.Parse(text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not a date")]
    [InlineData("yesterday")]
    [InlineData("2026-13-40T99:99:99Z")]
    [InlineData("31 Feb 2026 10:00:00 GMT")]
    [InlineData("Tue, 24 Nov 2026 19:05:00 XYZT")]
    [InlineData("2026-11-24T19:05:00+99:00")]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("99999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999")]
    public void What_is_no_date_is_null(string? text)
    {
        Assert.Null(FeedDates.Parse(text));
    }
}
