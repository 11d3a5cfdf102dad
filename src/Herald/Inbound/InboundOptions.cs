using System.ComponentModel.DataAnnotations;

namespace Herald.Inbound;

/// <summary>
/// Mail to Herald (the "Inbound" section): SendGrid Inbound Parse posts what arrives at <see cref="ParseDomain"/>
/// (whose MX record points at SendGrid) to the InboundEmail function. Unset, Herald receives no mail and digests
/// carry only the https unsubscribe link.
/// </summary>
public sealed class InboundOptions
{
    public const string SectionName = "Inbound";

    /// <summary>The domain readers write to ("parse.example.com"): "{newsletter}+subscribe@", "{newsletter}@" and "unsubscribe+TOKEN@".</summary>
    public string? ParseDomain { get; set; }

    /// <summary>
    /// Password of the HTTP basic credentials in the webhook URL the operator gives SendGrid
    /// ("https://herald:SECRET@host/api/inbound/email"); at least 24 characters. Blank: not required.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>
    /// Public key (base64) of the signature security policy attached to the Parse webhook: when set, every request
    /// must carry a valid signature and a fresh timestamp, and each signature is accepted once.
    /// </summary>
    public string? SendGridPublicKey { get; set; }

    /// <summary>How old a signed request's timestamp may be (either way).</summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan SignatureMaxAge { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Mail with a SendGrid spam score above this starts nothing and gets no reply (an unsubscribe still works).</summary>
    [Range(0.0, 100.0)]
    public double MaxSpamScore { get; set; } = 5.0;

    /// <summary>Largest request accepted, counted while it streams in; attachments count, and are never kept.</summary>
    [Range(64 * 1024, 30 * 1024 * 1024)]
    public int MaxRequestBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>True when Herald receives mail.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(ParseDomain);
}
