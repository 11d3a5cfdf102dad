using System.Text;

namespace Herald.Templates;

/// <summary>
/// Marks where a recipient's own values go in a body rendered once for everyone. A marker is a pair of Unicode
/// private-use characters, and every value that comes from outside (titles, summaries, source names) is cleaned of
/// that range before it is rendered, so no article can contain a marker and receive someone's unsubscribe link.
/// </summary>
public static class PersonalSlots
{
    private const char Lead = '\uE000';
    private const char First = '\uE001';

    public static IReadOnlyList<PersonalSlot> All { get; } = Enum.GetValues<PersonalSlot>();

    public static string Marker(PersonalSlot slot) => new([Lead, (char)(First + (int)slot)]);

    /// <summary>Removes the private-use characters (U+E000 to U+F8FF), markers included, from text that comes from outside.</summary>
    public static string Clean(string text)
    {
        if (text.AsSpan().IndexOfAnyInRange('\uE000', '\uF8FF') < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is < '\uE000' or > '\uF8FF')
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>The slots a body uses.</summary>
    public static IReadOnlyList<PersonalSlot> UsedIn(string content) => [.. All.Where(slot => content.Contains(Marker(slot), StringComparison.Ordinal))];

    /// <summary>The body with each marker replaced by the recipient's value (HTML-escaped for an HTML body).</summary>
    public static string Fill(string content, PersonalValues values, bool html)
    {
        if (content.IndexOf(Lead, StringComparison.Ordinal) < 0)
        {
            return content;
        }

        foreach (var slot in All)
        {
            var value = values[slot];
            content = content.Replace(Marker(slot), html ? HtmlEscape(value) : value, StringComparison.Ordinal);
        }

        return content;
    }

    /// <summary>A value made safe for HTML text and attributes: the five characters that mean something there are escaped, the rest stays as it is.</summary>
    public static string HtmlEscape(string value) =>
        value.AsSpan().IndexOfAny("&<>\"'") < 0
            ? value
            : value.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal)
                .Replace("\"", "&quot;", StringComparison.Ordinal).Replace("'", "&#39;", StringComparison.Ordinal);

    /// <summary>The body with each marker replaced by a tag of the caller's (a provider's substitution tag).</summary>
    public static string Tag(string content, Func<PersonalSlot, string> tag)
    {
        foreach (var slot in All)
        {
            content = content.Replace(Marker(slot), tag(slot), StringComparison.Ordinal);
        }

        return content;
    }
}
