namespace Herald.Editions;

/// <summary>Where the next edition of a newsletter starts: "{newsletter}/latest.json".</summary>
public sealed record EditionPointer(string EditionId, DateOnly Date, DateTimeOffset WindowEnd);
