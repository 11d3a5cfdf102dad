using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using MimeKit;

namespace Herald.Inbound;

/// <summary>
/// Reads SendGrid Inbound Parse's <c>multipart/form-data</c>: the parsed fields (headers, from, to, subject, text,
/// html, envelope, SPF, dkim, spam_score, charsets) or, with "send raw", the whole message in an <c>email</c> field
/// (MimeKit). Each field is decoded in the charset SendGrid names for it; attachments are skipped unread. Whatever is
/// malformed is a refusal (a 400), never an exception.
/// </summary>
public static partial class InboundParseReader
{
    private const int MaxFields = 64;
    private const int MaxBodyChars = 64 * 1024;
    private static readonly string[] RobotHeaders = ["auto-submitted", "precedence", "list-id", "list-unsubscribe", "x-autoreply", "x-autorespond", "x-auto-response-suppress", "content-type", "return-path", "message-id", "x-failed-recipients"];

    static InboundParseReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static async Task<(InboundMessage? Message, InboundRefusal? Refusal)> ReadAsync(byte[] body, string? contentType, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var type) || !"multipart/form-data".Equals(type.MediaType.Value, StringComparison.OrdinalIgnoreCase))
        {
            return (null, new InboundRefusal(415, "Inbound Parse posts multipart/form-data."));
        }

        var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value;
        if (string.IsNullOrWhiteSpace(boundary) || boundary.Length > 70)
        {
            return (null, new InboundRefusal(400, "The multipart body has no usable boundary."));
        }

        Dictionary<string, byte[]> fields;
        try
        {
            fields = await ReadFieldsAsync(body, boundary, cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or FormatException)
        {
            return (null, new InboundRefusal(400, $"The multipart body could not be read: {ex.Message}"));
        }

        if (fields.Count > MaxFields)
        {
            return (null, new InboundRefusal(400, $"The form has more than {MaxFields} fields."));
        }

        var charsets = ReadCharsets(fields);
        string? Field(string name) => fields.TryGetValue(name, out var bytes) ? Decode(bytes, charsets.GetValueOrDefault(name)) : null;
        var (envelopeFrom, envelopeTo) = ReadEnvelope(Field("envelope"));
        if (envelopeFrom is null && Field("from") is null && !fields.ContainsKey("email"))
        {
            return (null, new InboundRefusal(400, "Not an Inbound Parse request: no envelope, from or email field."));
        }

        var common = new InboundMessage
        {
            EnvelopeFrom = envelopeFrom ?? "",
            Spf = Clip(Field("SPF") ?? Field("spf"), 64),
            Dkim = Clip(Field("dkim"), 512),
            SpamScore = double.TryParse(Field("spam_score"), NumberStyles.Float, CultureInfo.InvariantCulture, out var score) && double.IsFinite(score) ? score : null,
        };

        return fields.TryGetValue("email", out var raw)
            ? FromRaw(common, raw, envelopeTo)
            : FromParsed(common, Field, envelopeTo);
    }

    private static async Task<Dictionary<string, byte[]>> ReadFieldsAsync(byte[] body, string boundary, CancellationToken cancellationToken)
    {
        var reader = new MultipartReader(boundary, new MemoryStream(body)) { HeadersCountLimit = 16, HeadersLengthLimit = 8192, BodyLengthLimit = body.Length };
        var fields = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.IsFormDisposition() || disposition.IsFileDisposition())
            {
                continue; // attachments are never read, let alone kept
            }

            var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
            using var value = new MemoryStream();
            await section.Body.CopyToAsync(value, cancellationToken);
            fields[name] = value.ToArray();
            if (fields.Count > MaxFields)
            {
                break;
            }
        }

        return fields;
    }

    /// <summary>The "charsets" field: which charset each other field is in ({"subject": "iso-8859-1", ...}).</summary>
    private static Dictionary<string, string> ReadCharsets(Dictionary<string, byte[]> fields)
    {
        var charsets = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!fields.TryGetValue("charsets", out var json) || json.Length > 4096)
        {
            return charsets;
        }

        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 2 });
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in document.RootElement.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String))
                {
                    charsets[property.Name] = property.Value.GetString()!;
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // An unreadable charsets field (bad JSON, or bytes that are not UTF-8): every field is read as UTF-8.
        }

        return charsets;
    }

    private static string Decode(byte[] bytes, string? charset)
    {
        Encoding encoding;
        try
        {
            encoding = string.IsNullOrWhiteSpace(charset) ? Encoding.UTF8 : Encoding.GetEncoding(charset.Trim(), EncoderFallback.ReplacementFallback, DecoderFallback.ReplacementFallback);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            encoding = Encoding.UTF8; // unknown, or refused by the runtime (UTF-7)
        }

        return encoding.GetString(bytes);
    }

    private static (string? From, List<string> To) ReadEnvelope(string? json)
    {
        var to = new List<string>();
        if (string.IsNullOrWhiteSpace(json) || json.Length > 16 * 1024)
        {
            return (null, to);
        }

        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 3 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, to);
            }

            string? from = null;
            if (document.RootElement.TryGetProperty("from", out var f))
            {
                from = f.ValueKind == JsonValueKind.String ? f.GetString() ?? "" : null;
            }

            if (document.RootElement.TryGetProperty("to", out var t) && t.ValueKind == JsonValueKind.Array)
            {
                to.AddRange(t.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).Take(50));
            }

            return (from, to);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return (null, to);
        }
    }

    private static (InboundMessage?, InboundRefusal?) FromParsed(InboundMessage common, Func<string, string?> field, List<string> envelopeTo)
    {
        var headers = ReadHeaderBlock(field("headers"));
        var from = ParseMailbox(field("from"));
        var recipients = envelopeTo.Count > 0 ? envelopeTo : [.. ParseAddresses(field("to")), .. ParseAddresses(field("cc"))];
        var text = field("text");
        var body = !string.IsNullOrWhiteSpace(text) ? text : TextOfHtml(field("html") ?? "");
        return (common with
        {
            Recipients = recipients,
            From = from?.Address,
            FromName = Clip(from?.Name, 200),
            Subject = Clip(OneLine(field("subject") ?? headers.GetValueOrDefault("subject") ?? ""), 998) ?? "",
            Body = Clip(body, MaxBodyChars) ?? "",
            Headers = headers,
            MessageId = MessageIdOf(headers.GetValueOrDefault("message-id")),
        }, null);
    }

    private static (InboundMessage?, InboundRefusal?) FromRaw(InboundMessage common, byte[] raw, List<string> envelopeTo)
    {
        MimeMessage message;
        try
        {
            message = MimeMessage.Load(new MemoryStream(raw));
        }
        catch (FormatException ex)
        {
            return (null, new InboundRefusal(400, $"The raw message could not be read: {ex.Message}"));
        }

        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var header in message.Headers.Where(h => RobotHeaders.Contains(h.Field.ToLowerInvariant())))
        {
            headers.TryAdd(header.Field.ToLowerInvariant(), Clip(OneLine(header.Value), 998)!);
        }

        var from = message.From.Mailboxes.FirstOrDefault();
        var recipients = envelopeTo.Count > 0 ? envelopeTo : [.. message.To.Mailboxes.Concat(message.Cc.Mailboxes).Select(m => m.Address).Take(50)];
        var body = message.TextBody is { Length: > 0 } text ? text : TextOfHtml(message.HtmlBody ?? "");
        return (common with
        {
            Recipients = recipients,
            From = from?.Address,
            FromName = Clip(from?.Name, 200),
            Subject = Clip(OneLine(message.Subject ?? ""), 998) ?? "",
            Body = Clip(body, MaxBodyChars) ?? "",
            Headers = headers,
            MessageId = message.MessageId is { Length: > 0 } id ? MessageIdOf("<" + id + ">") : null,
            EnvelopeFrom = common.EnvelopeFrom.Length > 0 || envelopeTo.Count > 0 ? common.EnvelopeFrom : message.Headers[HeaderId.ReturnPath] ?? "",
            Raw = true,
        }, null);
    }

    /// <summary>The robot-marking headers of a raw header block (MimeKit reads it, folded lines and encoded words included).</summary>
    private static Dictionary<string, string> ReadHeaderBlock(string? block)
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(block))
        {
            return headers;
        }

        try
        {
            var list = HeaderList.Load(new MemoryStream(Encoding.UTF8.GetBytes(block.TrimEnd() + "\r\n\r\n")));
            foreach (var header in list)
            {
                var name = header.Field.ToLowerInvariant();
                if (RobotHeaders.Contains(name) || name == "subject")
                {
                    headers.TryAdd(name, Clip(OneLine(header.Value), 998)!);
                }
            }
        }
        catch (FormatException)
        {
            // Headers that do not parse mark nothing; the fields SendGrid parsed still count.
        }

        return headers;
    }

    private static MailboxAddress? ParseMailbox(string? value) =>
        value is { Length: > 0 and <= 2048 } && InternetAddressList.TryParse(value, out var list) ? list.Mailboxes.FirstOrDefault() : null;

    private static IEnumerable<string> ParseAddresses(string? value) =>
        value is { Length: > 0 and <= 16384 } && InternetAddressList.TryParse(value, out var list) ? list.Mailboxes.Select(m => m.Address).Take(50) : [];

    private static string? MessageIdOf(string? value) =>
        value is { Length: > 2 and <= 250 } && value.Trim() is var id && id.StartsWith('<') && id.EndsWith('>') && !id.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)) ? id : null;

    /// <summary>The text of an HTML body, a line per block: enough to read a command from its first line.</summary>
    private static string TextOfHtml(string html)
    {
        if (html.Length > 4 * MaxBodyChars)
        {
            html = html[..(4 * MaxBodyChars)];
        }

        try
        {
            var text = Invisible().Replace(html, " ");
            text = BlockBreak().Replace(text, "\n");
            text = Tag().Replace(text, "");
            return System.Net.WebUtility.HtmlDecode(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return ""; // markup built to stall a parser says nothing Herald acts on
        }
    }

    private static string OneLine(string value) => value.ReplaceLineEndings(" ").Trim();

    private static string? Clip(string? value, int max) => value is null ? null : value.Length <= max ? value : value[..max];

    [GeneratedRegex(@"<(script|style|head|title)\b[^>]*>.*?</\1\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Invisible();

    [GeneratedRegex(@"<(br|/?p|/?div|/?li|/?tr|/?h[1-6]|/?blockquote)\b[^>]*>", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 1000)]
    private static partial Regex BlockBreak();

    [GeneratedRegex(@"<[^>]*>", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Tag();
}
