using Herald.Templates;
namespace Herald.Mail;

/// <summary>One recipient of a mailing: address, name, their values for the body's slots and their own headers.</summary>
public sealed record MailRecipient
{
    public required string Email { get; init; }
    public string? Name { get; init; }

    /// <summary>Identifies this email for good ("white-house-watch/2026-11-25/{subscriber}"): the outbox's file name, the Message-ID's seed.</summary>
    public required string Key { get; init; }

    public PersonalValues Values { get; init; } = PersonalValues.None;

    /// <summary>Headers of this recipient's copy only (List-Unsubscribe carries their own link).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];
}
