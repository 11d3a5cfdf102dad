namespace Herald.Editions;

/// <summary>
/// A newsletter's last handled slot, "{newsletter}/latest.json": the next edition's articles start at
/// <see cref="WindowEnd"/>, and the schedule's slots after <see cref="SlotAt"/> are the ones still to build.
/// </summary>
public sealed record EditionPointer(string EditionId, string Slot, DateTimeOffset SlotAt, DateTimeOffset WindowEnd);
