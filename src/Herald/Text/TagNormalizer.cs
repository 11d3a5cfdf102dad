using System.Text;

namespace Herald.Text;

/// <summary>One spelling per tag: "US Politics", "us_politics" and " us-politics " are all "us-politics".</summary>
public static class TagNormalizer
{
    public static string Normalize(string tag)
    {
        var builder = new StringBuilder(tag.Length);
        foreach (var c in tag.Trim().ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        return builder.ToString().Trim('-');
    }

    public static List<string> NormalizeAll(IEnumerable<string?> tags) =>
        [.. tags.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => Normalize(t!)).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}
