using System.ComponentModel.DataAnnotations;

namespace Herald.Configuration;

/// <summary>
/// The "Herald" configuration section: the newsletters this deployment publishes, where it is reachable, where its
/// templates are, the keys that sign readers' links, and the sources and tagging rules articles are collected with.
/// Each feature checks the part that concerns it with a validator of its own.
/// </summary>
public sealed class HeraldOptions
{
    public const string SectionName = "Herald";

    /// <summary>Absolute URL where the Functions app is reachable; links in emails (confirm, unsubscribe, archive) start with it.</summary>
    [Required, Url]
    public string PublicBaseUrl { get; set; } = "";

    /// <summary>Folder holding the Scriban templates. Relative paths are resolved against the app's base directory.</summary>
    [Required]
    public string TemplateDirectory { get; set; } = "templates";

    [Required, MinLength(1)]
    public List<NewsletterOptions> Newsletters { get; set; } = [];

    /// <summary>Secret that signs new links (HMAC-SHA256). At least 32 characters.</summary>
    [Required, MinLength(32)]
    public string SigningKey { get; set; } = "";

    /// <summary>Keys that signed links still in people's inboxes: they verify, they never sign. Rotating keeps old unsubscribe links working.</summary>
    public List<string> PreviousSigningKeys { get; set; } = [];

    /// <summary>Sources read for every newsletter; each newsletter takes the articles whose tags it wants.</summary>
    public List<FeedSourceOptions> Sources { get; set; } = [];

    public TaggingOptions Tagging { get; set; } = new();

    /// <summary>Every configured source once: the global ones and each newsletter's own.</summary>
    public IEnumerable<FeedSourceOptions> AllSources() =>
        Sources.Concat(Newsletters.SelectMany(n => n.Sources)).DistinctBy(s => s.Url ?? s.File, StringComparer.Ordinal);

    /// <summary>The newsletter with this id, or null when none is configured (ids from outside are matched exactly).</summary>
    public NewsletterOptions? FindNewsletter(string? newsletterId) =>
        Newsletters.FirstOrDefault(n => string.Equals(n.Id, newsletterId, StringComparison.Ordinal));
}
