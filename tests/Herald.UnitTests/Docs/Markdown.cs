using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Herald.UnitTests.Docs;

/// <summary>
/// The little of Markdown the documentation checks need, as GitHub renders it: fenced blocks, ATX headings and their
/// anchors, inline links, and the first cells of table rows. Text inside fences and code spans is never a link.
/// </summary>
public static partial class Markdown
{
    public static IReadOnlyList<MarkdownFence> Fences(string text)
    {
        var fences = new List<MarkdownFence>();
        var lines = Lines(text);
        for (var i = 0; i < lines.Length; i++)
        {
            if (FenceOpening().Match(lines[i]) is not { Success: true } opening)
            {
                continue;
            }

            var marker = opening.Groups["marker"].Value;
            var body = new List<string>();
            var first = i + 2;
            for (i++; i < lines.Length && !IsFenceClosing(lines[i], marker); i++)
            {
                body.Add(lines[i]);
            }

            fences.Add(new MarkdownFence(opening.Groups["info"].Value.Trim(), first, body));
        }

        return fences;
    }

    public static IReadOnlyList<MarkdownHeading> Headings(string text) =>
        [.. ProseLines(text)
            .Select(line => (line.Number, Match: Heading().Match(line.Text)))
            .Where(h => h.Match.Success)
            .Select(h => new MarkdownHeading(h.Match.Groups["hashes"].Length, h.Match.Groups["text"].Value.Trim(), h.Number))];

    /// <summary>GitHub's anchor for a heading: its rendered text lowercased, punctuation dropped, each space a hyphen.</summary>
    public static string Slug(string heading)
    {
        var rendered = InlineLink().Replace(heading, "${text}").Replace("`", "", StringComparison.Ordinal).Replace("*", "", StringComparison.Ordinal);
        var slug = new StringBuilder();
        foreach (var c in rendered.Trim().ToLowerInvariant())
        {
            var category = char.GetUnicodeCategory(c);
            if (char.IsLetterOrDigit(c) || c is '-' or '_' || category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark)
            {
                slug.Append(c);
            }
            else if (c == ' ')
            {
                slug.Append('-');
            }
        }

        return slug.ToString();
    }

    /// <summary>Every anchor of a page; a repeated heading gets "-1", "-2", ... as on GitHub.</summary>
    public static IReadOnlySet<string> Anchors(string text)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        foreach (var heading in Headings(text))
        {
            var slug = Slug(heading.Text);
            var anchor = slug;
            for (var n = 1; !anchors.Add(anchor); n++)
            {
                anchor = $"{slug}-{n}";
            }
        }

        return anchors;
    }

    public static IReadOnlyList<MarkdownLink> Links(string text) =>
        [.. ProseLines(text).SelectMany(line => InlineLink().Matches(CodeSpan().Replace(line.Text, ""))
            .Select(m => new MarkdownLink(line.Number, m.Groups["target"].Value)))];

    /// <summary>The first cell of every table row that is a single code span: "| `Delivery:BatchSize` | int | ..." gives "Delivery:BatchSize".</summary>
    public static IReadOnlyList<string> FirstCellCodeSpans(string text) =>
        [.. TableRows(text).Select(cells => SingleCodeSpan().Match(cells[0])).Where(m => m.Success).Select(m => m.Groups["span"].Value)];

    /// <summary>The cells of every table row (the header and delimiter rows too), trimmed; no cell of these pages holds a "|".</summary>
    public static IReadOnlyList<string[]> TableRows(string text) =>
        [.. ProseLines(text)
            .Select(line => line.Text.Trim())
            .Where(line => line.StartsWith('|') && line.EndsWith('|') && line.Length > 1)
            .Select(line => line[1..^1].Split('|').Select(cell => cell.Trim()).ToArray())];

    /// <summary>The contents of every code span of a piece of text: "`Editions`, `Subscribers`" gives both names.</summary>
    public static IReadOnlyList<string> CodeSpans(string text) =>
        [.. CodeSpan().Matches(text).Select(m => m.Value.Trim('`'))];

    /// <summary>The lines of each section: a heading and everything up to the next heading of its level or above.</summary>
    public static string SectionOf(string text, MarkdownHeading heading)
    {
        var next = Headings(text).FirstOrDefault(h => h.Line > heading.Line && h.Level <= heading.Level);
        var lines = Lines(text);
        var end = next?.Line - 1 ?? lines.Length;
        return string.Join('\n', lines[(heading.Line - 1)..end]);
    }

    /// <summary>The lines outside fenced blocks, with their 1-based numbers.</summary>
    private static IEnumerable<(int Number, string Text)> ProseLines(string text)
    {
        var lines = Lines(text);
        for (var i = 0; i < lines.Length; i++)
        {
            if (FenceOpening().Match(lines[i]) is { Success: true } opening)
            {
                var marker = opening.Groups["marker"].Value;
                i++;
                while (i < lines.Length && !IsFenceClosing(lines[i], marker))
                {
                    i++;
                }

                continue;
            }

            yield return (i + 1, lines[i]);
        }
    }

    private static bool IsFenceClosing(string line, string marker)
    {
        var trimmed = line.Trim();
        return trimmed.Length >= marker.Length && trimmed.All(c => c == marker[0]);
    }

    private static string[] Lines(string text) => text.ReplaceLineEndings("\n").Split('\n');

    [GeneratedRegex(@"^ {0,3}(?<marker>`{3,}|~{3,})(?<info>[^`]*)$")]
    private static partial Regex FenceOpening();

    [GeneratedRegex(@"^ {0,3}(?<hashes>#{1,6})\s+(?<text>.*?)(\s+#+)?\s*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"!?\[(?<text>(?:[^\[\]]|\[[^\]]*\])*)\]\((?<target>[^)\s]+)(?:\s+""[^""]*"")?\)")]
    private static partial Regex InlineLink();

    [GeneratedRegex(@"(`+)(?:(?!\1).)+?\1")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"^`(?<span>[^`]+)`$")]
    private static partial Regex SingleCodeSpan();
}
