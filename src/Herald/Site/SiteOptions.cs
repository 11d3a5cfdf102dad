using System.ComponentModel.DataAnnotations;

namespace Herald.Site;

/// <summary>How the site meets strangers (the "Site" configuration section): what it accepts, from where, how often.</summary>
public sealed class SiteOptions
{
    public const string SectionName = "Site";

    /// <summary>Origins besides Herald:PublicBaseUrl's whose pages may post Herald's forms (a sign-up form on the publisher's own site).</summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>
    /// Header holding the client's address when a trusted proxy stands in front ("X-Forwarded-For" in Azure Functions);
    /// empty to use the connection's address. The last entry counts: the one the proxy appended (earlier ones are the client's own word).
    /// </summary>
    public string? ClientIpHeader { get; set; }

    /// <summary>Sign-ups one client address may send a minute (per instance).</summary>
    [Range(1, 100_000)]
    public int SignUpsPerClientPerMinute { get; set; } = 10;

    /// <summary>Sign-ups for one email address an hour (per instance; the store also re-sends a confirmation at most every 15 minutes).</summary>
    [Range(1, 1000)]
    public int SignUpsPerAddressPerHour { get; set; } = 5;

    /// <summary>Sign-ups a minute in all (per instance): what a flood of fresh addresses from fresh clients meets.</summary>
    [Range(1, 1_000_000)]
    public int SignUpsPerMinute { get; set; } = 600;

    /// <summary>Largest form or JSON body accepted, in bytes.</summary>
    [Range(256, 1024 * 1024)]
    public int MaxFormBytes { get; set; } = 16 * 1024;

    /// <summary>Largest webhook body accepted, in bytes (SendGrid batches events; ten thousand make a few MB).</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxWebhookBytes { get; set; } = 16 * 1024 * 1024;
}
