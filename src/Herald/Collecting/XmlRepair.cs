using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Herald.Collecting;

/// <summary>
/// The mistakes real feeds make that a strict XML reader refuses whole, mended in the text before it is read — the
/// same recoveries a liberal feed parser makes, without ever handing the XML reader a DTD: junk before the document
/// (blank lines, a PHP warning) cut; a DOCTYPE with no internal subset (old RSS 0.91's) dropped, one with a subset
/// left for the reader to refuse; HTML named entities ("&amp;nbsp;", "&amp;eacute;") turned into numeric references;
/// and a raw "&amp;" that starts no reference escaped. CDATA sections and comments are left as they are.
/// </summary>
public static partial class XmlRepair
{
    /// <summary>The deepest nesting of elements read; a feed is a handful of levels, an XHTML body a few dozen.</summary>
    public const int MaxDepth = 1000;

    private static readonly HashSet<string> XmlEntities = new(StringComparer.Ordinal) { "amp", "lt", "gt", "quot", "apos" };

    /// <summary>The repaired text, and the repairs made (for the feed's log line).</summary>
    public static (string Text, IReadOnlyList<string> Repairs) Repair(string text, DateTimeOffset deadline, TimeProvider? time = null)
    {
        time ??= TimeProvider.System;
        var repairs = new List<string>();
        var start = DocumentStart(text);
        if (start > 0)
        {
            text = text[start..];
            repairs.Add("junk before the document");
        }

        var doctype = Doctype().Match(text);
        if (doctype.Success && !doctype.Value.Contains('[', StringComparison.Ordinal))
        {
            text = text.Remove(doctype.Index, doctype.Length);
            repairs.Add("DOCTYPE without internal subset dropped");
        }

        var output = new StringBuilder(text.Length + 64);
        var (entities, ampersands, depth) = (0, 0, 0);
        for (var i = 0; i < text.Length; i++)
        {
            if ((i & 0xFFFF) == 0 && time.GetUtcNow() > deadline)
            {
                throw new FeedRejectedException("the feed took too long to read.");
            }

            var c = text[i];
            if (c == '<' && Skip(text, i, "<![CDATA[", "]]>", output, out var next) || c == '<' && Skip(text, i, "<!--", "-->", output, out next))
            {
                i = next - 1;
                continue;
            }

            if (c == '<' && i + 1 < text.Length)
            {
                depth += text[i + 1] == '/' ? -1 : char.IsLetter(text[i + 1]) || text[i + 1] is '_' or ':' ? 1 : 0;
                if (depth > MaxDepth)
                {
                    // XML readers slow down sharply with depth (100,000 levels take seconds); no feed nests like this.
                    throw new FeedRejectedException($"elements nested more than {MaxDepth} deep.");
                }
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '>')
            {
                depth--;
            }

            if (c != '&')
            {
                output.Append(c);
                continue;
            }

            var reference = Reference().Match(text, i);
            if (reference.Success && reference.Index == i)
            {
                var name = reference.Groups["name"];
                if (!name.Success || XmlEntities.Contains(name.Value))
                {
                    output.Append(reference.Value); // numeric, or one of XML's own five
                    i += reference.Length - 1;
                    continue;
                }

                var decoded = WebUtility.HtmlDecode(reference.Value);
                if (decoded != reference.Value)
                {
                    foreach (var rune in decoded.EnumerateRunes())
                    {
                        output.Append("&#").Append(rune.Value).Append(';');
                    }

                    entities++;
                    i += reference.Length - 1;
                    continue;
                }
            }

            output.Append("&amp;"); // a raw "&" (in a URL, "AT&T"), or a name HTML does not know either
            ampersands++;
        }

        if (entities > 0)
        {
            repairs.Add($"{entities} HTML entities");
        }

        if (ampersands > 0)
        {
            repairs.Add($"{ampersands} raw ampersands");
        }

        return (output.ToString(), repairs);
    }

    /// <summary>Where the document begins: the XML declaration, else the first root-like tag, past anything before it.</summary>
    private static int DocumentStart(string text)
    {
        // A document starts at once unless what comes first is text, or an HTML tag a server's warning printed
        // ("<br />\n<b>Notice</b>: ...").
        if (text.Length == 0 || text[0] == '{' || text[0] == '[' || (text[0] == '<' && !JunkTag().IsMatch(text)))
        {
            return 0;
        }

        var declaration = text.IndexOf("<?xml", StringComparison.Ordinal);
        if (declaration > 0)
        {
            return declaration;
        }

        var root = RootTag().Match(text);
        return root.Success ? root.Index : 0;
    }

    private static bool Skip(string text, int at, string open, string close, StringBuilder output, out int next)
    {
        next = at;
        if (string.CompareOrdinal(text, at, open, 0, open.Length) != 0)
        {
            return false;
        }

        var end = text.IndexOf(close, at + open.Length, StringComparison.Ordinal);
        next = end < 0 ? text.Length : end + close.Length;
        output.Append(text, at, next - at);
        return true;
    }

    [GeneratedRegex(@"<!DOCTYPE[^>\[]*(?:\[[^\]]*\])?\s*>", RegexOptions.IgnoreCase)]
    private static partial Regex Doctype();

    [GeneratedRegex(@"\G&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|(?<name>[A-Za-z][A-Za-z0-9]{1,31}));")]
    private static partial Regex Reference();

    [GeneratedRegex(@"^<(?:br|b|i|p|div|span|font|strong|em|hr|pre|table|html|body)\b", RegexOptions.IgnoreCase)]
    private static partial Regex JunkTag();

    [GeneratedRegex(@"<(?:rss|feed|rdf:RDF|RDF|channel)[\s>]")]
    private static partial Regex RootTag();
}
