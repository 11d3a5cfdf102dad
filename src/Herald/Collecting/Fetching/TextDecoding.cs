using System.Text;
using System.Text.RegularExpressions;

namespace Herald.Collecting.Fetching;

/// <summary>
/// Turns fetched bytes into text when the declared encoding cannot be trusted: a byte-order mark wins; then
/// bytes that are valid UTF-8 are read as UTF-8 whatever the label says (a "latin1" feed that is really UTF-8 is
/// the common lie, and invalid UTF-8 almost never passes by chance); otherwise the declared charset (HTTP header,
/// XML declaration or HTML meta), falling back to Windows-1252, which is what "ISO-8859-1" means on the web.
/// </summary>
public static partial class TextDecoding
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    static TextDecoding() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static string Decode(byte[] bytes, string? headerCharset)
    {
        if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        }

        if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2);
        }

        if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return Encoding.BigEndianUnicode.GetString(bytes, 2, bytes.Length - 2);
        }

        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            // Not UTF-8: believe the label.
        }

        var declared = headerCharset ?? DeclaredInDocument(bytes);
        Encoding encoding;
        try
        {
            encoding = declared is null ? Encoding.GetEncoding(1252) : Encoding.GetEncoding(declared.Trim().Trim('"', '\''));
        }
        catch (ArgumentException)
        {
            encoding = Encoding.GetEncoding(1252);
        }

        if (encoding.CodePage is 65001 or 28591)
        {
            encoding = Encoding.GetEncoding(1252); // labelled UTF-8 or Latin-1 but not valid UTF-8: Windows-1252 is the usual truth
        }

        return encoding.GetString(bytes);
    }

    /// <summary>The encoding named in an XML declaration or an HTML meta tag within the first 2 KB.</summary>
    private static string? DeclaredInDocument(byte[] bytes)
    {
        var head = Encoding.ASCII.GetString(bytes, 0, Math.Min(bytes.Length, 2048));
        var match = Declaration().Match(head);
        return match.Success ? match.Groups["name"].Value : null;
    }

    [GeneratedRegex(@"(?:encoding\s*=\s*|charset\s*=\s*)[""']?(?<name>[A-Za-z0-9_.:-]+)", RegexOptions.IgnoreCase)]
    private static partial Regex Declaration();
}
