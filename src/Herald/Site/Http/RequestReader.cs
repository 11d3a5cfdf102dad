using System.Text.Json;
using Herald.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Herald.Site.Http;

/// <summary>
/// Reads a request body as the site accepts it: at most a given number of bytes, counted while reading (a chunked
/// body gets no further than a declared one), and as a URL-encoded form, a multipart form (files ignored) or a JSON
/// object of strings — each parsed with limits on fields and nesting, and decoded strictly (bytes that are not UTF-8,
/// lone surrogates and NUL are refused, never replaced). Whatever is wrong with it is a refusal with
/// a status and a sentence.
/// </summary>
public static class RequestReader
{
    private const int MaxFields = 64;
    private const int MaxNameLength = 128;

    /// <summary>The raw body, or a 413 refusal once it passes <paramref name="maxBytes"/>.</summary>
    public static async Task<(byte[]? Body, BodyRefusal? Refusal)> ReadBytesAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return (null, TooLarge(maxBytes));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    return (null, TooLarge(maxBytes));
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (Exception ex) when (ex is IOException or BadHttpRequestException)
        {
            return (null, new BodyRefusal(400, "The request body could not be read to its end."));
        }

        return (buffer.ToArray(), null);
    }

    /// <summary>The body's fields, whatever of the accepted shapes it has.</summary>
    public static async Task<(RequestFields? Fields, BodyRefusal? Refusal)> ReadFieldsAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || type.MediaType.Value is not { } mediaType)
        {
            return (request.ContentLength is null or 0 && string.IsNullOrEmpty(request.ContentType) ? (RequestFields.Empty, null) : (null, Unsupported()));
        }

        if (!mediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
            && !mediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            && !mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Unsupported());
        }

        var (body, refusal) = await ReadBytesAsync(request, maxBytes, cancellationToken);
        if (body is null)
        {
            return (null, refusal);
        }

        try
        {
            if (mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
            {
                return ReadJson(body);
            }

            if (mediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            {
                return await ReadMultipartAsync(body, type, maxBytes, cancellationToken);
            }

            var (form, problem) = FormBody.Read(body, MaxFields, MaxNameLength);
            return form is null ? (null, new BodyRefusal(400, problem!)) : (new RequestFields(form, false), null);
        }
        catch (System.Text.DecoderFallbackException)
        {
            return (null, new BodyRefusal(400, StrictText.NotUtf8));
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or FormatException)
        {
            return (null, new BodyRefusal(400, $"The form could not be read: {ex.Message}"));
        }
    }

    private static (RequestFields?, BodyRefusal?) ReadJson(byte[] body)
    {
        if (StrictText.BytesProblem(body) is { } bytes)
        {
            return (null, new BodyRefusal(400, bytes));
        }

        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 4 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, new BodyRefusal(400, "The JSON body must be an object, such as {\"newsletter\": \"...\", \"email\": \"...\"}."));
            }

            // Every string is checked before any is read: GetString throws on a lone surrogate escape, and a NUL is never part of a name or an address.
            if (StrictText.JsonProblem(document.RootElement) is { } text)
            {
                return (null, new BodyRefusal(400, text));
            }

            var fields = new Dictionary<string, StringValues>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (fields.Count >= MaxFields)
                {
                    return (null, new BodyRefusal(400, $"The JSON body has more than {MaxFields} fields."));
                }

                fields[property.Name] = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString(),
                    JsonValueKind.Array => new StringValues([.. property.Value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)]),
                    _ => StringValues.Empty,
                };
            }

            return (new RequestFields(fields, true), null);
        }
        catch (JsonException ex)
        {
            return (null, new BodyRefusal(400, $"The JSON body is not valid JSON: {ex.Message}"));
        }
    }

    private static async Task<(RequestFields?, BodyRefusal?)> ReadMultipartAsync(byte[] body, MediaTypeHeaderValue type, int maxBytes, CancellationToken cancellationToken)
    {
        var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value;
        if (string.IsNullOrWhiteSpace(boundary) || boundary.Length > 70)
        {
            return (null, new BodyRefusal(400, "The multipart form has no usable boundary."));
        }

        var reader = new MultipartReader(boundary, new MemoryStream(body)) { HeadersCountLimit = 16, HeadersLengthLimit = 4096, BodyLengthLimit = maxBytes };
        var fields = new Dictionary<string, StringValues>(StringComparer.Ordinal);
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.IsFormDisposition() || disposition.IsFileDisposition())
            {
                continue; // files and anything that is not a plain field are not for us
            }

            if (fields.Count >= MaxFields)
            {
                return (null, new BodyRefusal(400, $"The form has more than {MaxFields} fields."));
            }

            var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
            using var text = new StreamReader(section.Body, StrictText.Utf8, detectEncodingFromByteOrderMarks: false);
            var value = await text.ReadToEndAsync(cancellationToken);
            // The part's headers are decoded with replacement by MultipartReader: a U+FFFD in a name was a byte that is not UTF-8.
            if ((name.Contains('\uFFFD', StringComparison.Ordinal) ? StrictText.NotUtf8 : StrictText.Problem(name) ?? StrictText.Problem(value)) is { } problem)
            {
                return (null, new BodyRefusal(400, problem));
            }

            fields[name] = StringValues.Concat(fields.GetValueOrDefault(name), value);
        }

        return (new RequestFields(fields, false), null);
    }

    private static BodyRefusal TooLarge(int maxBytes) => new(413, $"The request body is larger than the {maxBytes} bytes this address accepts.");

    private static BodyRefusal Unsupported() => new(415, "Send a form (application/x-www-form-urlencoded or multipart/form-data) or JSON (application/json).");
}
