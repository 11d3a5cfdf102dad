namespace Herald.Inbound;

/// <summary>
/// One mail as SendGrid Inbound Parse delivered it, reduced to what Herald acts on. Every value came from the
/// internet: addresses are parsed, never trusted, and nothing here is stored beyond the command it leads to.
/// </summary>
public sealed record InboundMessage
{
    /// <summary>The SMTP envelope sender (MAIL FROM); empty for bounces and other delivery reports.</summary>
    public string EnvelopeFrom { get; init; } = "";

    /// <summary>Where the mail was delivered (the envelope's RCPT TO, else the To and Cc headers).</summary>
    public IReadOnlyList<string> Recipients { get; init; } = [];

    /// <summary>The From header's address, as written.</summary>
    public string? From { get; init; }

    /// <summary>The From header's display name.</summary>
    public string? FromName { get; init; }

    public string Subject { get; init; } = "";

    /// <summary>The plain text of the body: the text part, else the HTML part's text.</summary>
    public string Body { get; init; } = "";

    /// <summary>The headers robots mark their mail with (Auto-Submitted, Precedence, List-Id, ...), by lower-case name.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>SendGrid's SPF verdict ("pass", "fail", "softfail", "none", ...).</summary>
    public string? Spf { get; init; }

    /// <summary>SendGrid's DKIM verdicts ("{@example.com : pass}").</summary>
    public string? Dkim { get; init; }

    /// <summary>SpamAssassin's score, when SendGrid's spam check is on.</summary>
    public double? SpamScore { get; init; }

    /// <summary>The Message-ID, angle brackets included, when it is one.</summary>
    public string? MessageId { get; init; }

    /// <summary>Whether the raw MIME variant ("send raw") delivered it.</summary>
    public bool Raw { get; init; }

    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : null;
}
