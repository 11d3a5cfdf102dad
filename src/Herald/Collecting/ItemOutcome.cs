namespace Herald.Collecting;

/// <summary>What became of one new feed item.</summary>
public enum ItemOutcome
{
    /// <summary>Stored as a new article and queued for summarizing.</summary>
    New,

    /// <summary>An article stored already under the same address: this source is recorded on it.</summary>
    Known,

    /// <summary>The same text as a stored article under another address: recorded as one of its sources.</summary>
    NearDuplicate,

    /// <summary>Dropped by the source's include or exclude tags.</summary>
    Filtered,

    /// <summary>No link to the article and only a teaser in the feed: nothing to read or point a reader to.</summary>
    LinklessTeaser,
}
