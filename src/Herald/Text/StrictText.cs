using System.Text;
using System.Text.Json;

namespace Herald.Text;

/// <summary>
/// Text from strangers, decoded strictly: the default decoders replace what is not UTF-8 with U+FFFD and carry on,
/// and <see cref="JsonElement.GetString"/> throws on a lone surrogate escape ("\ud800") — one turns an attacker's
/// bytes into a stored name, the other into a 500. Here either is a refusal with a sentence, before anything reads a field.
/// </summary>
public static class StrictText
{
    /// <summary>UTF-8 that throws on invalid bytes, overlong forms and encoded surrogates instead of replacing them.</summary>
    public static UTF8Encoding Utf8 { get; } = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public const string NotUtf8 = "The request holds bytes that are not valid UTF-8 (an invalid byte, an overlong form or an encoded surrogate).";

    public const string HoldsNul = "The request holds a NUL character in a field.";

    public const string HoldsLoneSurrogate = "The JSON body holds text that is not valid Unicode (a lone surrogate escape such as \\ud800).";

    /// <summary>Why a decoded value is refused, or null when it is fine.</summary>
    public static string? Problem(string? value) =>
        value is null ? null
        : value.Contains('\0', StringComparison.Ordinal) ? HoldsNul
        : !IsWellFormedUtf16(value) ? HoldsLoneSurrogate
        : null;

    /// <summary>Why raw bytes are refused as text, or null when they are valid UTF-8 (no overlong forms, no encoded surrogates).</summary>
    public static string? BytesProblem(ReadOnlySpan<byte> body) => System.Text.Unicode.Utf8.IsValid(body) ? null : NotUtf8;

    /// <summary>Why a parsed JSON document is refused — a string or property name anywhere in it that is not Unicode or holds NUL — or null when every string in it reads.</summary>
    public static string? JsonProblem(JsonElement element)
    {
        try
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    return Problem(element.GetString());
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                    {
                        if (JsonProblem(item) is { } problem)
                        {
                            return problem;
                        }
                    }

                    return null;
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        if ((Problem(property.Name) ?? JsonProblem(property.Value)) is { } problem)
                        {
                            return problem;
                        }
                    }

                    return null;
                default:
                    return null;
            }
        }
        catch (InvalidOperationException)
        {
            // GetString and Name throw this for a lone surrogate escape or bytes that do not transcode.
            return HoldsLoneSurrogate;
        }
    }

    private static bool IsWellFormedUtf16(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return false;
            }
        }

        return true;
    }
}
