namespace Herald.Collecting;

/// <summary>
/// What Collecting reads of the "Herald" section: the sources for every newsletter (Herald:Sources), each newsletter's
/// own (Herald:Newsletters:N:Sources) and the tagging rules (Herald:Tagging).
/// </summary>
public sealed class SourcesOptions
{
    public const string SectionName = "Herald";

    /// <summary>Sources read for every newsletter; each newsletter takes the articles whose tags it wants.</summary>
    public List<FeedSourceOptions> Sources { get; set; } = [];

    public List<NewsletterSourcesOptions> Newsletters { get; set; } = [];

    public TaggingOptions Tagging { get; set; } = new();

    /// <summary>Every configured source once: the global ones and each newsletter's own.</summary>
    public IEnumerable<FeedSourceOptions> AllSources() =>
        Sources.Concat(Newsletters.SelectMany(n => n.Sources)).DistinctBy(s => s.Url ?? s.File, StringComparer.Ordinal);
}
