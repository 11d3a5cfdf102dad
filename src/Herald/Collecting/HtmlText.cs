using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Ganss.Xss;

namespace Herald.Collecting;

/// <summary>Turns feed and page HTML into clean text and into sanitized HTML.</summary>
public static partial class HtmlText
{
    private static readonly HtmlParser Parser = new(new HtmlParserOptions { IsScripting = false });

    /// <summary>
    /// Plain text with one paragraph per block, separated by blank lines, in reading order: paragraphs, headings, list
    /// items (and the text of an item that also holds a nested list), quotes, captions, each table row (its cells
    /// joined by " | "), each term and definition of a definition list, loose text beside blocks, and the lines of a
    /// post that separates them with &lt;br&gt;. Scripts and styles are dropped.
    /// </summary>
    public static string ToText(string? html)
    {
        if (string.IsNullOrWhiteSpace(html))
        {
            return "";
        }

        using var document = Parser.ParseDocument(html);
        foreach (var element in document.QuerySelectorAll("script, style, noscript, template, iframe, object").ToList())
        {
            element.Remove();
        }

        if (document.Body is not { } body)
        {
            return "";
        }

        var paragraphs = new List<string>();
        var current = new System.Text.StringBuilder();
        void Flush()
        {
            var text = Collapse(current.ToString());
            if (text.Length > 0)
            {
                paragraphs.Add(text);
            }

            current.Clear();
        }

        // Iterative, so a page nested a hundred thousand deep cannot overflow the stack: (node, leaving?).
        var stack = new Stack<(AngleSharp.Dom.INode Node, bool Leaving)>();
        stack.Push((body, false));
        while (stack.Count > 0)
        {
            var (node, leaving) = stack.Pop();
            var name = (node as AngleSharp.Dom.IElement)?.LocalName;
            if (leaving)
            {
                if (name is not null && Blocks.Contains(name))
                {
                    Flush();
                }

                continue;
            }

            switch (node)
            {
                case AngleSharp.Dom.IText text:
                    current.Append(text.Data);
                    continue;
                case AngleSharp.Dom.IElement element when name == "br":
                    // One <br> breaks a line ("Press Office<br>press@example.gov"); two in a row end a paragraph, which
                    // is how blog platforms write paragraphs.
                    if (PreviousIsBreak(element))
                    {
                        Flush();
                    }
                    else
                    {
                        current.Append(' ');
                    }

                    continue;
                case AngleSharp.Dom.IElement element when name is "td" or "th" && element.PreviousElementSibling is not null:
                    current.Append(" | ");
                    break;
            }

            if (name is not null && Blocks.Contains(name))
            {
                Flush();
            }

            stack.Push((node, true));
            for (var child = node.LastChild; child is not null; child = child.PreviousSibling)
            {
                stack.Push((child, false));
            }
        }

        Flush();
        return string.Join("\n\n", paragraphs);
    }

    private static bool PreviousIsBreak(AngleSharp.Dom.IElement lineBreak)
    {
        for (var node = lineBreak.PreviousSibling; node is not null; node = node.PreviousSibling)
        {
            if (node is AngleSharp.Dom.IText text && string.IsNullOrWhiteSpace(text.Data))
            {
                continue;
            }

            return node is AngleSharp.Dom.IElement { LocalName: "br" };
        }

        return false;
    }

    /// <summary>Elements that stand as blocks of their own: each starts and ends a paragraph.</summary>
    private static readonly HashSet<string> Blocks = new(StringComparer.Ordinal)
    {
        "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "dialog", "div", "dl", "dt", "fieldset",
        "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "li", "main",
        "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "tfoot", "thead", "tr", "ul",
    };

    /// <summary>Text of a title or name that may carry tags or entities ("Senate &amp;amp; House", "&lt;b&gt;Budget&lt;/b&gt;").</summary>
    public static string ToInlineText(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return "";
        }

        var decoded = WebUtility.HtmlDecode(value);
        if (decoded.Contains('<', StringComparison.Ordinal))
        {
            using var document = Parser.ParseDocument("<body>" + decoded + "</body>");
            foreach (var code in document.QuerySelectorAll("script, style, noscript, template").ToList())
            {
                code.Remove(); // a title's text, never a script's
            }

            decoded = document.Body?.TextContent ?? decoded;
        }

        return Collapse(WebUtility.HtmlDecode(decoded));
    }

    /// <summary>Sanitized HTML: no script, no event handlers, no javascript: URLs, relative links made absolute.</summary>
    public static string Sanitize(string html, Uri? baseUrl) => Sanitizer.Sanitize(html, baseUrl?.AbsoluteUri ?? "").Trim();

    /// <summary>Configured once; Sanitize() on a shared instance is thread-safe as long as its settings do not change.</summary>
    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.Add("http");
        sanitizer.AllowedSchemes.Add("https");
        sanitizer.AllowedSchemes.Add("mailto");
        return sanitizer;
    }

    private static string Collapse(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
