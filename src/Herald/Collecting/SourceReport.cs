namespace Herald.Collecting;

/// <summary>What reading one source came to: a failure (its reason is kept in its feed state), a 304, or its items' outcomes.</summary>
public sealed record SourceReport(bool Failed, bool NotModified, int Items, int New, int Known, int Filtered, int NearDuplicates, int Pages, int ShortExtractions, int LinklessTeasers)
{
    public static SourceReport Failure { get; } = new(true, false, 0, 0, 0, 0, 0, 0, 0, 0);

    public static SourceReport Unchanged { get; } = new(false, true, 0, 0, 0, 0, 0, 0, 0, 0);
}
