using System.ComponentModel.DataAnnotations;

namespace Herald.Configuration;

/// <summary>The "Herald" configuration section as every feature sees it: the newsletters this deployment publishes, where it is
/// reachable and where its templates are. Features bind their own settings of the same section (sources, signing keys).</summary>
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

    /// <summary>The newsletter with this id, or null when none is configured (ids from outside are matched exactly).</summary>
    public NewsletterOptions? FindNewsletter(string? newsletterId) =>
        Newsletters.FirstOrDefault(n => string.Equals(n.Id, newsletterId, StringComparison.Ordinal));
}
