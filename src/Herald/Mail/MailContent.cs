namespace Herald.Mail;

/// <summary>
/// What every recipient of one mailing shares: sender, subject, the HTML and text bodies (with
/// <see cref="PersonalSlots"/> markers where each recipient's values go) and the headers common to all.
/// </summary>
public sealed record MailContent
{
    public required string FromAddress { get; init; }
    public string FromName { get; init; } = "";
    public required string Subject { get; init; }
    public required string Html { get; init; }
    public required string Text { get; init; }

    /// <summary>What kind of mail this is ("digest", "confirmation", "test"): a provider category.</summary>
    public required string Category { get; init; }

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Values a provider carries along and echoes in its events (newsletter, edition, batch).</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}
