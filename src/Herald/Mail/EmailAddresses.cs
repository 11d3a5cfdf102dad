using System.Security.Cryptography;
using System.Text;
using MimeKit;

namespace Herald.Mail;

/// <summary>Checks and normalizes subscriber addresses; derives ids and log-safe forms.</summary>
public static class EmailAddresses
{
    public const int MaxLength = 254;

    /// <summary>A normalized address (trimmed, domain lowercased), or null when the input is not one plain address.</summary>
    public static string? Normalize(string? input)
    {
        if (string.IsNullOrWhiteSpace(input) || input.Length > MaxLength)
        {
            return null;
        }

        var trimmed = input.Trim();
        if (trimmed.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) || trimmed.Contains('<', StringComparison.Ordinal) || trimmed.Contains(',', StringComparison.Ordinal))
        {
            return null;
        }

        if (!MailboxAddress.TryParse(ParserOptions.Default, trimmed, out var mailbox) || mailbox.Address != trimmed)
        {
            return null;
        }

        var at = trimmed.LastIndexOf('@');
        if (at <= 0 || at == trimmed.Length - 1)
        {
            return null;
        }

        var domain = trimmed[(at + 1)..].ToLowerInvariant();
        if (!domain.Contains('.', StringComparison.Ordinal) || domain.StartsWith('.') || domain.EndsWith('.') || domain.Contains("..", StringComparison.Ordinal))
        {
            return null;
        }

        return trimmed[..at] + "@" + domain;
    }

    /// <summary>Stable id of an address: storage keys and outbox file names carry this, never the address.</summary>
    public static string IdOf(string normalizedAddress) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalizedAddress.ToLowerInvariant())).AsSpan(0, 16));

    /// <summary>"j***@example.com": enough for an operator to recognize, not enough to harvest.</summary>
    public static string Mask(string address)
    {
        var at = address.LastIndexOf('@');
        return at <= 0 ? "***" : address[0] + "***" + address[at..];
    }
}
