using System.Text;

namespace Herald.Templates;

/// <summary>
/// Word-wraps text for the plain-text part: "{{ story.summary | wrap 72 '   ' }}" in a template. Lines break at spaces;
/// a word longer than the width (a URL) gets a line of its own rather than being cut.
/// </summary>
public static class TextWrap
{
    public static string Wrap(string text, int width, string indent)
    {
        var result = new StringBuilder();
        foreach (var paragraph in (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = new StringBuilder(indent);
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (line.Length > indent.Length && line.Length + 1 + word.Length > width)
                {
                    result.Append(line).Append('\n');
                    line.Clear().Append(indent);
                }

                line.Append(line.Length > indent.Length ? " " : "").Append(word);
            }

            result.Append(line).Append('\n');
        }

        return result.ToString().TrimEnd('\n');
    }
}
