namespace Herald.Editions.Rendering;

/// <summary>The edition as templates see it: dates in the newsletter's time zone, named in <see cref="TimeZone"/>.</summary>
public sealed record EditionView(string Id, string Date, string DisplayDate, string TimeZone, string Preheader);
