using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Herald.Text;

namespace Herald.Collecting;

/// <summary>
/// What readability extractors leave behind on news pages and readers must never see: ad placeholders, share and
/// subscribe prompts, "Source link", "Highlights" and "Latest News" boxes, related-link lists, weather widgets,
/// image spacers and cookie notices. Removed by the text of a block, by its class or id, and by link density.
/// </summary>
public static partial class Boilerplate
{
    private const string Blocks = "p, div, li, ul, ol, section, aside, figure, h1, h2, h3, h4, h5, h6, span, table";

    /// <summary>Removes boilerplate elements from <paramref name="root"/> in place.</summary>
    public static void Remove(IElement root)
    {
        foreach (var element in root.QuerySelectorAll("script, style, noscript, iframe, button, nav, footer, template, object, embed, svg, input, select").ToList())
        {
            element.Remove();
        }

        // A form is a search box or a sign-up, except where a site wraps the whole page in one (ASP.NET Web Forms).
        foreach (var element in root.QuerySelectorAll("form").ToList())
        {
            if (!HoldsTheArticle(element))
            {
                element.Remove();
            }
        }

        // The page's own masthead (a <header> straight under <body>), never an article's header with its headline.
        foreach (var element in root.Children.Where(c => c.LocalName == "header" && root.LocalName == "body").ToList())
        {
            element.Remove();
        }

        foreach (var element in root.QuerySelectorAll("[class], [id], [role], [aria-label]").ToList())
        {
            var names = $"{element.GetAttribute("class")} {element.GetAttribute("id")} {element.GetAttribute("role")} {element.GetAttribute("aria-label")}";
            if (NoisyName().IsMatch(names) && !HoldsTheArticle(element))
            {
                element.Remove();
            }
        }

        foreach (var element in root.QuerySelectorAll("img").ToList())
        {
            element.Remove(); // images are kept as the lead image only; spacer alt text must not become words
        }

        // Lists of links ("Latest News", "Related") and headings that introduce them.
        foreach (var element in root.QuerySelectorAll("ul, ol").ToList())
        {
            if (LinkDensity(element) > 0.6 && !IntroducedByTheText(element))
            {
                RemoveWithHeading(element);
            }
        }

        foreach (var element in root.QuerySelectorAll(Blocks).Reverse().ToList())
        {
            if (element.ParentElement is null && element != root)
            {
                continue;
            }

            var text = Collapse(element.TextContent);
            if (text.Length == 0 && element.QuerySelector("img, video, picture") is null)
            {
                element.Remove();
            }
            else if (text.Length > 0 && text.Length < 200 && (IsNoisyText(text) || IsWeather(text)))
            {
                RemoveWithHeading(element);
            }
            else if (element.LocalName is "p" or "div" or "li" or "span" or "h2" or "h3" or "h4" or "h5" or "h6" or "figure" && (IsPromotionalBlock(text) || IsLinkOnly(element, text)))
            {
                element.Remove(); // an in-body promotion or a link standing alone ("Read: ..."), not the article
            }
        }
    }

    /// <summary>
    /// A block named like boilerplate ("widget", "sidebar", a WordPress post's "tag-newsletter" class, a layout's
    /// "with-sidebar") that holds the article all the same: a long paragraph, an article element or body, a captioned
    /// photo inside the article, or prose with few links - three paragraphs of sentence length, or two such lines
    /// separated by &lt;br&gt; (blog platforms wrap the post in a "widget"). Deleting it would delete the story;
    /// whatever else it holds, the extractor still judges.
    /// </summary>
    private static bool HoldsTheArticle(IElement element)
    {
        if (element.QuerySelectorAll("p").Any(p => p.TextContent.Length > 200) || element.QuerySelector("article, [itemprop='articleBody']") is not null
            || (element.QuerySelector("figure figcaption") is not null && element.Closest("article") is not null) // the article's captioned photo
            || ArticleBodyName().IsMatch($"{element.GetAttribute("class")} {element.GetAttribute("id")}")
            || element.QuerySelectorAll("[class], [id]").Any(e => ArticleBodyName().IsMatch($"{e.GetAttribute("class")} {e.GetAttribute("id")}")))
        {
            return true;
        }

        return LinkDensity(element) < 0.25 && (ProseParagraphs(element) >= 3 || ProseLines(element) >= 2 || (Collapse(element.TextContent).Length >= 400 && element.QuerySelectorAll("br").Length >= 2));
    }

    /// <summary>Paragraphs of sentence length (12 words or more).</summary>
    private static int ProseParagraphs(IElement element) => element.QuerySelectorAll("p").Count(p => Words.Count(p.TextContent) >= 12);

    /// <summary>Lines of sentence length in a post written with &lt;br&gt; between its paragraphs (a short post has two).</summary>
    private static int ProseLines(IElement element) =>
        element.QuerySelector("br") is null ? 0 : BreakTag().Split(element.InnerHtml).Count(line => Words.Count(TagPattern().Replace(line, " ")) >= 12);

    /// <summary>
    /// A list the article's own sentence introduces ("This release adds:") is part of the article, however many
    /// links it holds; a list of related stories follows a heading, or nothing.
    /// </summary>
    private static bool IntroducedByTheText(IElement list) =>
        list.PreviousElementSibling is { LocalName: "p" } previous && Collapse(previous.TextContent).EndsWith(':') && previous.QuerySelector("a") is null;

    /// <summary>True when a paragraph of text is boilerplate by itself (for feed content without markup around it).</summary>
    public static bool IsBoilerplate(string paragraph)
    {
        var text = Collapse(paragraph);
        return (text.Length < 200 && (IsNoisyText(text) || IsWeather(text))) || IsPromotionalBlock(text);
    }

    /// <summary>
    /// A promotion as a whole: a short one ("Valley Herald is now on WhatsApp. Join our channel."), or a longer block
    /// at least half of whose sentences promote. Judged as one line, a paragraph quoting a reader ("You continue to
    /// amaze," said another) beside a mention of a Facebook page reads like a call to follow a channel; its sentences
    /// do not.
    /// </summary>
    private static bool IsPromotionalBlock(string text)
    {
        if (!PromoLine.IsPromotional(text))
        {
            return false;
        }

        var sentences = SentenceSplitter.Split(text);
        return Words.Count(text) <= 25 || sentences.Count <= 1 || sentences.Count(PromoLine.IsPromotional) * 2 >= sentences.Count;
    }

    /// <summary>A line that is a page's furniture by its words ("Share", "Latest news", "Sign up for our newsletter"), or a byline.</summary>
    private static bool IsNoisyText(string text) => NoisyText().IsMatch(text) || Byline().IsMatch(text);

    /// <summary>A short block that is nothing but one link: a teaser for another story, not part of this one.</summary>
    private static bool IsLinkOnly(IElement element, string text) =>
        element.LocalName is "p" && element.QuerySelectorAll("a").Length == 1 && text.Split(' ').Length <= 20
        && string.Equals(Collapse(element.QuerySelector("a")!.TextContent), text, StringComparison.Ordinal);

    private static void RemoveWithHeading(IElement element)
    {
        var previous = element.PreviousElementSibling;
        if (previous is not null && previous.LocalName is "h2" or "h3" or "h4" or "h5" or "h6" or "strong" or "b" or "p" && Collapse(previous.TextContent).Length < 40 && previous.QuerySelector("a") is null
            && (IsNoisyText(Collapse(previous.TextContent)) || previous.LocalName.StartsWith('h')))
        {
            previous.Remove();
        }

        element.Remove();
    }

    private static double LinkDensity(IElement element)
    {
        var total = Collapse(element.TextContent).Length;
        if (total == 0)
        {
            return 0;
        }

        var linked = element.QuerySelectorAll("a").Sum(a => Collapse(a.TextContent).Length);
        return (double)linked / total;
    }

    /// <summary>A weather box ("Washington 45°F Cloudy, wind 5 mph"), not a sentence of a story about the weather.</summary>
    private static bool IsWeather(string text)
    {
        var words = text.Split(' ').Length;
        return Temperature().IsMatch(text) && WeatherWords().IsMatch(text) && words < 30 && !(words >= 8 && SentenceEnd().IsMatch(text));
    }

    private static string Collapse(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"^(?:[-\u2013\u2014\s]*(?:advertisement|advertisements|sponsored(?: content)?|ad)[-\u2013\u2014\s]*|skip to (?:the )?(?:main )?(?:content|navigation|article)|source link|source:\s?.{0,40}|read more:?.{0,120}|continue reading|read the full (?:story|article)|(?:share|tweet|email|print|copy link|share this (?:article|story)|share on \w+)(?:\s*[|/]\s*\w+)*|highlights|key points|latest news|latest|more news|top stories|related(?: articles| stories| news| coverage| content)?|you may also like|recommended(?: for you)?|most (?:read|popular)|trending(?: now)?|more from .{0,40}|(?:sign up|subscribe)|(?:sign up|subscribe)\b(?=.*\b(?:our|your|you|newsletters?|inbox|free|today|now|here|daily|weekly|alerts|updates|e-?mails?|podcast|below)\b).{0,150}|(?:follow us|follow .{0,30} on (?:twitter|x|facebook|instagram)).{0,80}|(?:click|tap) here\b.{0,100}|we use cookies.{0,180}|(?:\u00a9|copyright) .{0,120}|(?:image|photo|picture)(?: credit)?:\s?.{0,60}|spacer|\[?image\]?|loading\W*|advertisement - scroll to continue|story continues below(?: advertisement)?|(?:updated|published|posted|last modified)(?: on)?:?\s.{0,40}|(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}(?:,?\s+\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?)?|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{4})[.!:]?$", RegexOptions.IgnoreCase)]
    private static partial Regex NoisyText();

    [GeneratedRegex(@"(?:^|[\s_-])(?:share|sharing|social|newsletter|subscribe|signup|related|recommend\w*|advert\w*|ads?|ad-\w+|promo\w*|sponsor\w*|weather|widget|sidebar|outbrain|taboola|cookie\w*|consent|paywall|comments?|breadcrumbs?|byline-share|tags?-list|most-read|trending|latest-news|highlights|author-box|author-bio|bio|about-the-author|banner|skip-link|skip-to-content)(?:$|[\s_-])", RegexOptions.IgnoreCase)]
    private static partial Regex NoisyName();

    [GeneratedRegex(@"(?:^|\s)(?:post-body|post-content|entry-content|entry-body|article-body|article-content|story-body|story-content)(?:$|[\s_-])", RegexOptions.IgnoreCase)]
    private static partial Regex ArticleBodyName();

    /// <summary>
    /// "By Jane Doe", "By JANE DOE and John Roe, Associated Press", "By Jane Doe, staff writer" - names in capitals,
    /// matched with case, so that "By then, most had left." and "By Friday, the deal was done." stay in the story.
    /// </summary>
    [GeneratedRegex(@"^(?:By|BY|by)\s+[A-Z][\w.'-]*(?:\s+(?:[A-Z][\w.'-]*|and|de|van|von|der|la|le)){0,4}(?:,\s+(?:[A-Z][\w.'&-]*|and|of|the|for|at|in|staff|senior|chief|special|writer|reporter|correspondent|editor|contributor|to)(?:\s+(?:[A-Z][\w.'&-]*|and|of|the|for|at|in|staff|senior|chief|special|writer|reporter|correspondent|editor|contributor|to)){0,6})?\.?$")]
    private static partial Regex Byline();

    [GeneratedRegex(@"\w[.!?][""'\u201d\u2019)]?$")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"<br\s*/?>", RegexOptions.IgnoreCase)]
    private static partial Regex BreakTag();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"-?\d{1,3}\s?\u00b0\s?[FC]?")]
    private static partial Regex Temperature();

    [GeneratedRegex(@"humidity|wind|forecast|sunny|cloudy|rain|showers|feels like|\bhigh\b|\blow\b", RegexOptions.IgnoreCase)]
    private static partial Regex WeatherWords();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
