using System.ComponentModel.DataAnnotations;

namespace Herald.Configuration;

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

    /// <summary>
    /// When editions go out, as a cron expression in <see cref="TimeZone"/>: five fields ("30 6 * * 1-5", weekdays at
    /// 06:30) or six with seconds. Each time it names is one edition (its "slot").
    /// </summary>
    [Required]
    public string Schedule { get; set; } = "0 6 * * *";

    /// <summary>IANA time zone of <see cref="Schedule"/>, and of the dates and times the digest shows ("America/New_York").</summary>
    [Required]
    public string TimeZone { get; set; } = "UTC";

    /// <summary>
    /// Optional local time ("06:30") to deliver in each reader's own time zone: the edition is built once, at its slot,
    /// and each reader's copy is released at the first such time in their zone (the one they chose on the preferences
    /// page, else <see cref="TimeZone"/>) at or after the slot. Unset, everyone gets it at the slot.
    /// </summary>
    public string? ReaderTime { get; set; }

    /// <summary>Optional sections, in order: a story goes in the first whose tags it carries; the rest under no heading.</summary>
    public List<SectionOptions> Sections { get; set; } = [];

    /// <summary>Extra weight in the ranking per tag ("white-house": 2): a story's weight is the largest of its tags' (default 1).</summary>
    public Dictionary<string, double> TagWeights { get; set; } = [];

    /// <summary>Most stories in an edition, after ranking.</summary>
    [Range(1, 100)]
    public int MaxStories { get; set; } = 12;

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

    /// <summary>Whether an article with these (normalized) tags is one the newsletter takes: any of its IncludeTags, none of its ExcludeTags.</summary>
    public bool Wants(IEnumerable<string> tags)
    {
        var set = tags as IReadOnlyCollection<string> ?? [.. tags];
        return Text.TagNormalizer.NormalizeAll(IncludeTags).Any(set.Contains) && !Text.TagNormalizer.NormalizeAll(ExcludeTags).Any(set.Contains);
    }

    /// <summary>
    /// The subject line, a one-line Scriban template with title, lead (the top headline), count, more and date; default
    /// "{{ title }}: {{ lead }}{{ if more > 0 }} and {{ more }} more{{ end }}".
    /// </summary>
    public string? Subject { get; set; }

    /// <summary>
    /// A welcome mail sent once a reader confirms: the template set ("welcome" is "welcome.html.scriban" and
    /// "welcome.txt.scriban" in the template folder); none when unset.
    /// </summary>
    public string? Welcome { get; set; }

    /// <summary>The newsletter's own sources, read in addition to Herald:Sources.</summary>
    public List<FeedSourceOptions> Sources { get; set; } = [];
}
