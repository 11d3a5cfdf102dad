using System.Text;
using Herald.Text;
using Microsoft.Extensions.Primitives;

namespace Herald.Site.Http;

/// <summary>
/// An application/x-www-form-urlencoded body, decoded strictly: percent escapes become bytes first and the bytes
/// must then be UTF-8. ASP.NET Core's FormReader decodes with replacement (an escaped 0xE4 or an overlong C0 AF
/// becomes U+FFFD and is stored as part of a name), which is why the site reads forms here.
/// </summary>
public static class FormBody
{
    /// <summary>The fields, or why the body is refused (a sentence for the caller).</summary>
    public static (Dictionary<string, StringValues>? Fields, string? Problem) Read(byte[] body, int maxFields, int maxNameLength)
    {
        if (StrictText.BytesProblem(body) is { } raw)
        {
            return (null, raw);
        }

        var fields = new Dictionary<string, StringValues>(StringComparer.Ordinal);
        var count = 0;
        var span = body.AsSpan();
        while (span.Length > 0)
        {
            var end = span.IndexOf((byte)'&');
            var pair = end < 0 ? span : span[..end];
            span = end < 0 ? [] : span[(end + 1)..];
            if (pair.Length == 0)
            {
                continue; // "a=1&&b=2": browsers never send it, and FormReader skipped it too
            }

            if (++count > maxFields)
            {
                return (null, $"The form has more than {maxFields} fields.");
            }

            var equals = pair.IndexOf((byte)'=');
            string name, value;
            try
            {
                name = StrictText.Utf8.GetString(Unescape(equals < 0 ? pair : pair[..equals]));
                value = equals < 0 ? "" : StrictText.Utf8.GetString(Unescape(pair[(equals + 1)..]));
            }
            catch (DecoderFallbackException)
            {
                return (null, StrictText.NotUtf8);
            }

            if (name.Length > maxNameLength)
            {
                return (null, $"A field name is longer than {maxNameLength} characters.");
            }

            if ((StrictText.Problem(name) ?? StrictText.Problem(value)) is { } problem)
            {
                return (null, problem);
            }

            fields[name] = StringValues.Concat(fields.GetValueOrDefault(name), value);
        }

        return (fields, null);
    }

    /// <summary>'+' is a space and "%XX" a byte; a '%' not followed by two hex digits stays as it is, as browsers and FormReader treat it.</summary>
    private static byte[] Unescape(ReadOnlySpan<byte> text)
    {
        var bytes = new byte[text.Length];
        var length = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '+')
            {
                bytes[length++] = (byte)' ';
            }
            else if (text[i] == '%' && i + 2 < text.Length && HexValue(text[i + 1]) is >= 0 and var high && HexValue(text[i + 2]) is >= 0 and var low)
            {
                bytes[length++] = (byte)((high << 4) | low);
                i += 2;
            }
            else
            {
                bytes[length++] = text[i];
            }
        }

        return bytes[..length];
    }

    private static int HexValue(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => -1,
    };
}
