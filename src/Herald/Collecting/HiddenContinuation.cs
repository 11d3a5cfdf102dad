using AngleSharp.Dom;
using Herald.Text;

namespace Herald.Collecting;

/// <summary>
/// A story whose first paragraphs are shown and whose rest waits in a block a script reveals ("Continue reading"):
/// the block is hidden by a class ("hide-on-init", "js-hidden collapsed"), an attribute or a style, and the extractor,
/// which cannot run the script, weighs it as hidden and keeps a fraction of the story. Such a block is shown again
/// before extraction, but only when it continues the text: it holds article paragraphs and follows one. Hidden
/// menus, dialogs, templates and screen-reader labels hold no such paragraphs and stay as they are.
/// </summary>
public static class HiddenContinuation
{
    /// <summary>Words a paragraph needs to count as the article's (labels and buttons are shorter; a live report's lines are not much longer).</summary>
    private const int ParagraphWords = 6;

    /// <summary>Words the hidden block needs in all (a dialog's two lines have fewer).</summary>
    private const int BlockWords = 30;

    /// <summary>Shows each hidden block of <paramref name="page"/> that continues the story; returns how many.</summary>
    public static int Reveal(IElement page)
    {
        var revealed = 0;
        foreach (var block in page.QuerySelectorAll("div, section, span, p").Where(IsHidden).ToList())
        {
            if (!ContinuesTheText(block))
            {
                continue;
            }

            block.RemoveAttribute("hidden");
            block.RemoveAttribute("aria-hidden");
            block.RemoveAttribute("style");
            var kept = block.ClassList.Where(c => !IsHidingClass(c)).ToArray();
            block.ClassName = string.Join(' ', kept);
            revealed++;
        }

        return revealed;
    }

    private static bool IsHidden(IElement element) =>
        element.HasAttribute("hidden")
        || string.Equals(element.GetAttribute("aria-hidden")?.Trim(), "true", StringComparison.OrdinalIgnoreCase)
        || (element.GetAttribute("style") is { } style && (Squeezed(style).Contains("display:none", StringComparison.Ordinal) || Squeezed(style).Contains("visibility:hidden", StringComparison.Ordinal)))
        || element.ClassList.Any(IsHidingClass);

    /// <summary>"hidden", "hide-on-init", "js-hidden", "is-collapsed", "d-none": a class a script removes to show the block.</summary>
    private static bool IsHidingClass(string name) =>
        name.Equals("d-none", StringComparison.OrdinalIgnoreCase)
        || name.Split('-', '_').Any(part => part.ToLowerInvariant() is "hid" or "hide" or "hidden" or "collapse" or "collapsed");

    private static string Squeezed(string style) => string.Concat(style.Where(c => !char.IsWhiteSpace(c))).ToLowerInvariant();

    /// <summary>The block holds at least two of the article's paragraphs and comes after one in the same container.</summary>
    private static bool ContinuesTheText(IElement block)
    {
        if (block.QuerySelectorAll("p").Count(IsArticleParagraph) + (block.LocalName == "p" && IsArticleParagraph(block) ? 1 : 0) < 2
            || Words.Count(block.TextContent) < BlockWords
            || block.QuerySelectorAll("a").Sum(a => a.TextContent.Length) * 2 > block.TextContent.Length)
        {
            return false;
        }

        for (var before = block.PreviousElementSibling; before is not null; before = before.PreviousElementSibling)
        {
            if ((before.LocalName == "p" && IsArticleParagraph(before)) || before.QuerySelectorAll("p").Any(IsArticleParagraph))
            {
                return !IsHidden(before);
            }
        }

        return false;
    }

    private static bool IsArticleParagraph(IElement paragraph) => Words.Count(paragraph.TextContent) >= ParagraphWords;
}
