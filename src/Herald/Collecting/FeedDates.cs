using System.Globalization;
using System.Text.RegularExpressions;

namespace Herald.Collecting;

/// <summary>
/// Dates as feeds write them: RFC 822 with its variants (no day name, two-digit years, seconds left out, named
/// zones "EST", "PDT", "GMT", "UT", military letters, no zone at all), and ISO 8601 / W3C-DTF with its variants (a
/// space for the "T", no seconds, fractional seconds, "+0000" or "+00:00", date alone). A date with no zone is read as
/// UTC. Anything else is no date (null), never an exception.
/// </summary>
public static partial class FeedDates
{
    private static readonly Dictionary<string, int> ZoneHours = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UT"] = 0, ["UTC"] = 0, ["GMT"] = 0, ["Z"] = 0,
        ["EST"] = -5, ["EDT"] = -4, ["CST"] = -6, ["CDT"] = -5, ["MST"] = -7, ["MDT"] = -6, ["PST"] = -8, ["PDT"] = -7,
        ["A"] = -1, ["M"] = -12, ["N"] = 1, ["Y"] = 12,
    };

    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    public static DateTimeOffset? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 100)
        {
            return null;
        }

        var text = value.Trim();
        return Iso().Match(text) is { Success: true } iso ? FromIso(iso) : Rfc822().Match(text) is { Success: true } rfc ? FromRfc822(rfc) : null;
    }

    private static DateTimeOffset? FromIso(Match m)
    {
        var offset = Offset(m.Groups["zone"].Value);
        if (offset is null)
        {
            return null;
        }

        var fraction = m.Groups["fraction"].Success ? double.Parse("0." + m.Groups["fraction"].Value, CultureInfo.InvariantCulture) : 0;
        return Build(Int(m, "year"), Int(m, "month"), Int(m, "day"), Int(m, "hour"), Int(m, "minute"), Int(m, "second"), offset.Value, fraction);
    }

    private static DateTimeOffset? FromRfc822(Match m)
    {
        var month = Array.IndexOf(Months, m.Groups["month"].Value[..3].ToLowerInvariant()) + 1;
        var year = Int(m, "year");
        year = m.Groups["year"].Value.Length == 2 ? (year < 50 ? 2000 + year : 1900 + year) : year;
        var offset = Offset(m.Groups["zone"].Value);
        return month == 0 || offset is null ? null : Build(year, month, Int(m, "day"), Int(m, "hour"), Int(m, "minute"), Int(m, "second"), offset.Value, 0);
    }

    private static DateTimeOffset? Build(int year, int month, int day, int hour, int minute, int second, TimeSpan offset, double fraction)
    {
        if (year is < 1970 or > 2100 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 24 || minute > 59 || second > 60)
        {
            return null;
        }

        // 24:00 is the next midnight; a leap second is read as the last second.
        var date = new DateTimeOffset(year, month, day, hour == 24 ? 0 : hour, minute, Math.Min(second, 59), offset).AddDays(hour == 24 ? 1 : 0).AddSeconds(fraction);
        return date.ToUniversalTime();
    }

    /// <summary>"+05:30", "-0500", "Z", a named or military zone, or nothing (UTC); null for a zone not known.</summary>
    private static TimeSpan? Offset(string zone)
    {
        if (zone.Length == 0)
        {
            return TimeSpan.Zero;
        }

        if (zone[0] is '+' or '-')
        {
            var digits = zone[1..].Replace(":", "", StringComparison.Ordinal);
            if (digits.Length is not (2 or 4) || !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                return null;
            }

            var (hours, minutes) = digits.Length == 2 ? (number, 0) : (number / 100, number % 100);
            if (hours > 14 || minutes > 59)
            {
                return null;
            }

            var span = new TimeSpan(hours, minutes, 0);
            return zone[0] == '-' ? -span : span;
        }

        return ZoneHours.TryGetValue(zone, out var named) ? TimeSpan.FromHours(named) : null;
    }

    private static int Int(Match m, string group) => m.Groups[group].Success && m.Groups[group].Value.Length > 0 ? int.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture) : 0;

    // 2026-11-24T14:05:00.123-05:00, 2026-11-24 14:05:00Z, 2026-11-24T14:05+0000, 2026-11-24, 20261124T140500Z
    [GeneratedRegex(@"^(?<year>\d{4})-?(?<month>\d{2})-?(?<day>\d{2})(?:[T ](?<hour>\d{2}):?(?<minute>\d{2})(?::?(?<second>\d{2})(?:[.,](?<fraction>\d{1,9}))?)?\s*(?<zone>Z|[+-]\d{2}(?::?\d{2})?|[A-Za-z]{1,4})?)?$")]
    private static partial Regex Iso();

    // Tue, 24 Nov 2026 14:05:00 -0500; 24 Nov 2026 14:05 EST; Tuesday, 24-Nov-26 14:05:00 GMT; Tue, 24 November 2026 14:05:00
    [GeneratedRegex(@"^(?:[A-Za-z]{3,9},?\s*)?(?<day>\d{1,2})[\s-]+(?<month>[A-Za-z]{3,9})[\s-]+(?<year>\d{4}|\d{2})(?:\s+(?<hour>\d{1,2}):(?<minute>\d{2})(?::(?<second>\d{2}))?(?:\s*(?<zone>[+-]\d{4}|[+-]\d{2}:\d{2}|[A-Za-z]{1,4}))?)?\s*$")]
    private static partial Regex Rfc822();
}
