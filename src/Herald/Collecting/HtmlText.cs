using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Ganss.Xss;

namespace Herald.Collecting;

/// <summary>Turns feed and page HTML into clean text and into sanitized HTML.</summary>
public static partial class HtmlText
{
    private static readonly HtmlParser Parser = new(new HtmlParserOptions { IsScripting = false });
    private const string BlockSelector = "p, li, h1, h2, h3, h4, h5, h6, blockquote, pre, figcaption";

    /// <summary>Plain text with one paragraph per block element, separated by blank lines. Scripts and styles are dropped.</summary>
    public static string ToText(string? html)
    {
        if (string.IsNullOrWhiteSpace(html))
        {
            return "";
        }

        using var document = Parser.ParseDocument(html);
        foreach (var element in document.QuerySelectorAll("script, style, noscript, template, iframe, object"))
        {
            element.Remove();
        }

        var body = document.Body;
        if (body is null)
        {
            return "";
        }

        // A line break separates words even though it has no text of its own.
        foreach (var lineBreak in body.QuerySelectorAll("br").ToList())
        {
            lineBreak.Replace(document.CreateTextNode(" "));
        }

        // Innermost blocks only: a <li> holding a <p> must not be written twice.
        var paragraphs = body.QuerySelectorAll(BlockSelector)
            .Where(e => e.QuerySelectorAll(BlockSelector).Length == 0)
            .Select(e => Collapse(e.TextContent))
            .Where(t => t.Length > 0)
            .ToList();

        if (paragraphs.Count == 0)
        {
            return Collapse(body.TextContent);
        }

        return string.Join("\n\n", paragraphs);
    }

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
