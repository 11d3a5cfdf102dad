using System.ComponentModel.DataAnnotations;

namespace Herald.Collecting;

/// <summary>The "Collecting" configuration section: how Herald fetches feeds and pages.</summary>
public sealed class CollectingOptions
{
    public const string SectionName = "Collecting";

    /// <summary>Largest feed document read, in bytes.</summary>
    [Range(1024, 100 * 1024 * 1024)]
    public int MaxFeedBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Largest article page read, in bytes.</summary>
    [Range(1024, 100 * 1024 * 1024)]
    public int MaxPageBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>Items read from one feed at most.</summary>
    [Range(1, 10000)]
    public int MaxItemsPerFeed { get; set; } = 500;

    /// <summary>Open connections to one host at most (politeness, and a bound on a slow host's cost).</summary>
    [Range(1, 64)]
    public int MaxConnectionsPerHost { get; set; } = 4;

    /// <summary>Feeds processed at the same time.</summary>
    [Range(1, 64)]
    public int ParallelFeeds { get; set; } = 8;

    /// <summary>Items of one feed processed at the same time (page fetch, extraction, storage).</summary>
    [Range(1, 64)]
    public int ParallelItems { get; set; } = 4;

    /// <summary>One attempt of one request.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>One request with its retries.</summary>
    [Range(typeof(TimeSpan), "00:00:00.200", "00:10:00")]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(30);

    [Range(0, 10)]
    public int Retries { get; set; } = 2;

    /// <summary>Redirects followed at most, each to http(s) only.</summary>
    [Range(0, 20)]
    public int MaxRedirects { get; set; } = 5;

    /// <summary>A feed item with fewer words than this is a teaser: the article page is fetched for the full text.</summary>
    [Range(0, 10000)]
    public int TeaserWords { get; set; } = 150;

    /// <summary>Near-duplicates: two texts whose 64-bit SimHash differ in at most this many bits are one story.</summary>
    [Range(0, 16)]
    public int NearDuplicateBits { get; set; } = 3;

    /// <summary>
    /// An HTTP proxy every fetch goes through ("http://proxy.corp.example:3128", credentials in the address allowed);
    /// empty: none. Proxies named by the environment (HTTP_PROXY and the like) are never used: a proxy connects on
    /// Herald's behalf, so Herald resolves each target itself first and goes through the proxy only when every
    /// address it resolves to is public.
    /// </summary>
    public string? Proxy { get; set; }

    /// <summary>How far back a new article is compared with stored ones for near-duplicates.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "30.00:00:00")]
    public TimeSpan NearDuplicateWindow { get; set; } = TimeSpan.FromDays(3);
}
