namespace Herald.Collecting;

/// <summary>What one collection run did. Failed sources are retried by the next run.</summary>
public sealed record CollectReport(int Sources, int FailedSources, int Items, int NewArticles, int KnownArticles)
{
    /// <summary>Sources that answered 304 Not Modified.</summary>
    public int UnchangedSources { get; init; }

    /// <summary>Items dropped by a source's include/exclude rules.</summary>
    public int FilteredItems { get; init; }

    /// <summary>Items that were the same story as a stored article under another address (recorded as its source).</summary>
    public int NearDuplicates { get; init; }

    /// <summary>Article pages fetched for full text (and the time spent by stage, for the benchmark).</summary>
    public int PagesFetched { get; init; }

    /// <summary>Pages whose extraction came out empty or shorter than the feed's own text (the feed's text was kept).</summary>
    public int ShortExtractions { get; init; }

    /// <summary>Items with no link to their article whose feed carried only a teaser: left out, there being nothing to read or point to.</summary>
    public int LinklessTeasers { get; init; }

    /// <summary>Each source that failed and why (its feed state keeps the same reason); the next run tries them again.</summary>
    public IReadOnlyList<(string Source, string Reason)> Failures { get; init; } = [];

    /// <summary>New articles no newsletter takes (its tags match no newsletter's IncludeTags, or an ExcludeTag): stored, but no reader will see them.</summary>
    public IReadOnlyList<(string Source, string Title, IReadOnlyList<string> Tags)> Unmatched { get; init; } = [];

    public CollectTimings Timings { get; init; } = new();
}
