using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MimeKit;

namespace Herald.Mail;

/// <summary>
/// Checks and normalizes subscriber addresses, so that one mailbox is one subscriber however it was typed: Unicode
/// compatibility forms folded (full-width "ｊｏｅ＠ｅｘａｍｐｌｅ．ｃｏｍ" is "joe@example.com", composed and decomposed
/// accents are one), the domain lowercased and, when internationalized, kept in both its Unicode and its ASCII
/// (punycode) form. Zero-width and control characters, quoted local parts, address literals ("user@[127.0.0.1]")
/// non-ASCII local parts, encoded words and internationalized domains with symbols in them are refused.
/// </summary>
public static class EmailAddresses
{
    public const int MaxLength = 254;

    private static readonly IdnMapping Idn = new() { AllowUnassigned = false, UseStd3AsciiRules = true };

    /// <summary>The address to send to (ASCII domain), or null when the input is not one plain address.</summary>
    public static string? Normalize(string? input) => Parse(input)?.Ascii;

    /// <summary>The address in both forms: ASCII for sending and ids, Unicode for showing; null when it is not one plain address.</summary>
    public static (string Ascii, string Unicode)? Parse(string? input)
    {
        if (string.IsNullOrWhiteSpace(input) || input.Length > MaxLength * 2)
        {
            return null;
        }

        var text = input.Trim();
        if (text.Any(c => char.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.Control or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.SpaceSeparator))
        {
            return null; // zero-width joiners, bidi marks, NUL, CR/LF, spaces of any kind
        }

        text = text.Normalize(NormalizationForm.FormKC);
        var at = text.LastIndexOf('@');
        if (at <= 0 || at == text.Length - 1 || text.IndexOf('@') != at)
        {
            return null;
        }

        var local = text[..at];
        var domain = text[(at + 1)..].TrimEnd('.');
        if (!local.All(c => c is > ' ' and < '\x7f') || local.StartsWith('"') || local.StartsWith('.') || local.EndsWith('.') || local.Contains("..", StringComparison.Ordinal) || local.Length > 64)
        {
            return null;
        }

        if (local.Contains("=?", StringComparison.Ordinal))
        {
            return null; // an encoded word, which RFC 2047 forbids in an address: a mail client could show it decoded as something else
        }

        if (domain.StartsWith('[') || domain.Length == 0)
        {
            return null; // address literals: mail to an IP address is not a subscription
        }

        string asciiDomain, unicodeDomain;
        try
        {
            asciiDomain = Idn.GetAscii(domain.ToLowerInvariant());
            unicodeDomain = Idn.GetUnicode(asciiDomain);
        }
        catch (ArgumentException)
        {
            return null;
        }

        if (!unicodeDomain.All(c => c is '.' or '-' || char.GetUnicodeCategory(c) is UnicodeCategory.LowercaseLetter or UnicodeCategory.OtherLetter or UnicodeCategory.ModifierLetter
                or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.DecimalDigitNumber))
        {
            return null; // IDNA2008 allows letters, marks and digits only: "xn--zz-zzz" decodes to a bracket symbol, a look-alike trick
        }

        if (DomainScripts.FirstMixedLabel(unicodeDomain) is not null)
        {
            return null; // exаmple.com with a Cyrillic а: a look-alike that a reader would take for another's domain
        }

        if (!asciiDomain.Contains('.', StringComparison.Ordinal) || asciiDomain.Split('.').Any(label => label.Length is 0 or > 63) || asciiDomain.Split('.')[^1].All(char.IsAsciiDigit))
        {
            return null;
        }

        var ascii = local + "@" + asciiDomain;
        // MimeKit reads the address the way a mail client will (it may show the domain decoded): one mailbox, the same local part.
        if (ascii.Length > MaxLength || !MailboxAddress.TryParse(ParserOptions.Default, ascii, out var mailbox) || mailbox.LocalPart != local)
        {
            return null;
        }

        return (ascii, local + "@" + unicodeDomain);
    }

    /// <summary>Why <see cref="Parse"/> refuses an address for its domain's scripts — the label and the scripts it mixes — so a form can say so; null when the domain does not mix them (or is not a domain at all).</summary>
    public static (string Label, IReadOnlyList<string> Scripts)? MixedScriptDomain(string? input)
    {
        try
        {
            var text = input?.Normalize(NormalizationForm.FormKC) ?? "";
            var at = text.LastIndexOf('@');
            return at < 0 ? null : DomainScripts.FirstMixedLabel(Idn.GetUnicode(Idn.GetAscii(text[(at + 1)..].Trim().TrimEnd('.').ToLowerInvariant())));
        }
        catch (ArgumentException)
        {
            return null; // not a domain at all: the general refusal says enough
        }
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
