using System.ComponentModel.DataAnnotations;

namespace Herald.Configuration;

/// <summary>The "Herald" configuration section: the newsletters this deployment publishes.</summary>
public sealed class HeraldOptions
{
    public const string SectionName = "Herald";

    /// <summary>Absolute URL where the Functions app is reachable; links in emails (confirm, unsubscribe, archive) start with it.</summary>
    [Required, Url]
    public string PublicBaseUrl { get; set; } = "";

    /// <summary>Folder holding the Scriban templates. Relative paths are resolved against the app's base directory.</summary>
    [Required]
    public string TemplateDirectory { get; set; } = "templates";

    /// <summary>Secret used to sign confirm/unsubscribe links (HMAC-SHA256). At least 32 characters.</summary>
    [Required, MinLength(32)]
    public string SigningKey { get; set; } = "";

    [Required, MinLength(1)]
    public List<NewsletterOptions> Newsletters { get; set; } = [];

    /// <summary>Sources read for every newsletter; each newsletter takes the articles whose tags it wants.</summary>
    public List<FeedSourceOptions> Sources { get; set; } = [];

    public Collecting.TaggingOptions Tagging { get; set; } = new();

    /// <summary>Every configured source once: the global ones and each newsletter's own.</summary>
    public IEnumerable<FeedSourceOptions> AllSources() =>
        Sources.Concat(Newsletters.SelectMany(n => n.Sources)).DistinctBy(s => s.Url ?? s.File, StringComparer.Ordinal);
}

/// <summary>One newsletter: which articles it takes and how it looks.</summary>
public sealed class NewsletterOptions
{
    /// <summary>Short identifier used in storage keys and URLs: lowercase letters, digits and dashes.</summary>
    [Required, RegularExpression("^[a-z0-9][a-z0-9-]{1,40}$", ErrorMessage = "must be 2-41 lowercase letters, digits or dashes")]
    public string Id { get; set; } = "";

    [Required]
    public string Title { get; set; } = "";

    public string Description { get; set; } = "";

    /// <summary>An article is taken when it carries at least one of these tags.</summary>
    [Required, MinLength(1)]
    public List<string> IncludeTags { get; set; } = [];

    /// <summary>An article carrying any of these tags is left out, whatever else it carries.</summary>
    public List<string> ExcludeTags { get; set; } = [];

    /// <summary>Template name under the template directory, without extension: "{Template}.html.scriban" and "{Template}.txt.scriban".</summary>
    [Required]
    public string Template { get; set; } = "digest";

    /// <summary>How far back the first edition looks; later editions start where the previous one ended.</summary>
    [Range(typeof(TimeSpan), "00:10:00", "31.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Articles published longer ago than this are never put in an edition.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "3650.00:00:00")]
    public TimeSpan MaxArticleAge { get; set; } = TimeSpan.FromDays(3);

    [Range(1, 200)]
    public int MaxArticles { get; set; } = 25;

    /// <summary>Sender shown to subscribers.</summary>
    [Required, EmailAddress]
    public string FromAddress { get; set; } = "";

    public string FromName { get; set; } = "";

    /// <summary>Postal address of the sender; CAN-SPAM requires one in every commercial email.</summary>
    [Required]
    public string PostalAddress { get; set; } = "";

    /// <summary>This newsletter's own sources (in addition to Herald:Sources).</summary>
    public List<FeedSourceOptions> Sources { get; set; } = [];
}

/// <summary>A feed Herald reads for a newsletter.</summary>
public sealed class FeedSourceOptions
{
    /// <summary>Display name of the source ("Capitol Wire").</summary>
    [Required]
    public string Name { get; set; } = "";

    /// <summary>http(s) address of the feed. Exactly one of Url and File is set.</summary>
    public string? Url { get; set; }

    /// <summary>Local feed file, for development and samples. Relative paths are resolved against the content root.</summary>
    public string? File { get; set; }

    /// <summary>Tags given to every article of this feed.</summary>
    public List<string> Tags { get; set; } = [];

    /// <summary>When set, only items that end up with at least one of these tags are kept.</summary>
    public List<string> IncludeTags { get; set; } = [];

    /// <summary>Items that end up with any of these tags are dropped.</summary>
    public List<string> ExcludeTags { get; set; } = [];

    /// <summary>
    /// Lets this source's own host be a loopback, link-local or private address (an intranet feed). Redirects
    /// and article links to other hosts are still held to public addresses.
    /// </summary>
    public bool AllowPrivateNetwork { get; set; }

    /// <summary>Fetch the article page when an item carries only a teaser. On for URL sources; local files never fetch.</summary>
    public bool FetchFullText { get; set; } = true;
}
