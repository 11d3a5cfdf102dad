namespace Herald.Collecting;

/// <summary>What reading one source came to: a failure (its reason is kept in its feed state), a 304, or its items' outcomes.</summary>
public sealed record SourceReport(bool Failed, bool NotModified, int Items, int New, int Known, int Filtered, int NearDuplicates, int Pages, int ShortExtractions, int LinklessTeasers)
{
    /// <summary>The articles this run stored from the source, with their tags: what the run checks against the newsletters.</summary>
    public IReadOnlyList<(string Title, IReadOnlyList<string> Tags)> Stored { get; init; } = [];

    /// <summary>Why the source failed, as its feed state keeps it; null when it did not.</summary>
    public string? FailureReason { get; init; }

    public static SourceReport Failure(string reason) => new(true, false, 0, 0, 0, 0, 0, 0, 0, 0) { FailureReason = reason };

    public static SourceReport Unchanged { get; } = new(false, true, 0, 0, 0, 0, 0, 0, 0, 0);
}
