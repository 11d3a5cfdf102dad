namespace Herald.Collecting;

/// <summary>A newsletter's own sources (Herald:Newsletters:N:Sources), read in addition to Herald:Sources.</summary>
public sealed class NewsletterSourcesOptions
{
    public List<FeedSourceOptions> Sources { get; set; } = [];
}
