namespace Herald.Mail;

/// <summary>
/// One email to one recipient. <see cref="Key"/> identifies it for good ("white-house-watch/2026-11-25/{subscriber}"):
/// the outbox writes it under that name and providers get it as a custom argument, so a retry is recognizable.
/// </summary>
public sealed record OutgoingEmail
{
    public required string Key { get; init; }
    public required string Category { get; init; }
    public required string NewsletterId { get; init; }
    public required string SubscriberId { get; init; }
    public required string FromAddress { get; init; }
    public string FromName { get; init; } = "";
    public required string To { get; init; }
    public required string Subject { get; init; }
    public required string Html { get; init; }
    public required string Text { get; init; }
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
}
