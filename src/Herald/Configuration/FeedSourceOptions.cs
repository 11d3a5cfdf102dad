using System.ComponentModel.DataAnnotations;

namespace Herald.Configuration;

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
