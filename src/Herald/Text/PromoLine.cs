using System.Text.RegularExpressions;

namespace Herald.Text;

/// <summary>
/// In-body promotional and navigation lines, as a family recognized by shape and wording rather than by any one
/// site's strings: a short line that asks the reader to do something (sign up, subscribe, download, follow, listen)
/// about a channel (a newsletter, the inbox, an app, a social network, a podcast) and speaks to them (an imperative,
/// "you", "our"); "Read more:" / "Related:" lead-ins; "Listen to this article"; "This article was originally published
/// by ..."; a photo credit standing alone; "Advertisement". A sentence about a newsletter or an app, written as news
/// (third person, no call to the reader), is not one.
/// </summary>
public static partial class PromoLine
{
    /// <summary>Longest line (in words) counted as promotional: pitches are short; an article's sentences about a newsletter run longer.</summary>
    public const int MaxWords = 40;

    public static bool IsPromotional(string line)
    {
        var text = Whitespace().Replace(line, " ").Trim();
        if (text.Length == 0 || text.Length > 320)
        {
            return false;
        }

        var words = text.Split(' ').Length;
        if (words > MaxWords)
        {
            return false;
        }

        if (IsOne(text, words))
        {
            return true;
        }

        // A wrapper paragraph of two or three such lines ("X contributed to this report. This story was first
        // published by Y.") is one too, when every sentence in it is.
        var sentences = SentenceSplitter.Split(text);
        return sentences.Count is > 1 and <= 4 && sentences.All(s => IsOne(s, s.Split(' ').Length));
    }

    private static bool IsOne(string text, int words) =>
        LeadIn().IsMatch(text)
        || Listen().IsMatch(text)
        || Attribution().IsMatch(text)
        || Contribution().IsMatch(text)
        || (words <= 14 && PhotoCredit().IsMatch(text))
        || Advertisement().IsMatch(text)
        || (CallToAction().IsMatch(text) && Channel().IsMatch(text) && AddressesReader().IsMatch(text));

    /// <summary>The wire's credit line: "The Associated Press contributed to this report."</summary>
    [GeneratedRegex(@"^[^.]{3,120}\bcontributed(?: reporting| research)? (?:to|for) this (?:report|story|article)\.?$", RegexOptions.IgnoreCase)]
    private static partial Regex Contribution();

    [GeneratedRegex(@"^(?:read more|more|related(?: (?:stories|articles|coverage|content|reading))?|see also|also read|read also|recommended(?: reading)?|don't miss|do not miss|must read|editor'?s picks?|watch|video|listen|more on this(?: story)?|go deeper)\s*[:|\u2013\u2014>»-]\s*\S", RegexOptions.IgnoreCase)]
    private static partial Regex LeadIn();

    [GeneratedRegex(@"^(?:listen to (?:this|the) (?:article|story|episode|report)|listen now|play audio|audio(?: version)?:|\d+\s*(?:min(?:ute)?s?)\s+(?:listen|audio))\b", RegexOptions.IgnoreCase)]
    private static partial Regex Listen();

    [GeneratedRegex(@"^(?:this (?:article|story|piece|post|report|column) (?:was |is |has been )?(?:originally |first )?(?:published|appeared|ran|republished|syndicated)\b|originally (?:published|appeared) (?:in|on|by|at)\b|republished (?:with permission )?(?:from|by)\b|(?:this|the) (?:article|story) is republished from\b)", RegexOptions.IgnoreCase)]
    private static partial Regex Attribution();

    [GeneratedRegex(@"^[\(\[]?(?:(?:(?:photo|image|picture|video|graphic|illustration)s?(?: credit)?\s*(?::|by)\s*.{1,80})|(?:credit|courtesy)(?::| of)\s*.{1,60}|(?:[\w.' -]{0,40}/)?\s*(?:getty images|reuters|ap(?: photo)?|afp|epa(?:-efe)?|shutterstock|alamy|pa images?|xinhua)(?:\s*(?:/|via)\s*[\w.' -]{0,40})?)[\)\]]?\.?$", RegexOptions.IgnoreCase)]
    private static partial Regex PhotoCredit();

    [GeneratedRegex(@"^[-\u2013\u2014\s]*(?:advertisement|sponsored(?: content)?|paid (?:content|post)|story continues below(?: advertisement)?)[-\u2013\u2014\s]*$", RegexOptions.IgnoreCase)]
    private static partial Regex Advertisement();

    [GeneratedRegex(@"\b(?:sign(?:ing)?[ -]up|subscribe|join|get|download|install|follow|like us|listen|watch|register|try|click|tap|stay (?:informed|up to date|updated|in the know)|never miss|don't miss|want (?:more|the)|enjoy(?:ing)?|support|donate|become a (?:member|subscriber)|read (?:our|more)|find us|add us)\b", RegexOptions.IgnoreCase)]
    private static partial Regex CallToAction();

    [GeneratedRegex(@"\b(?:newsletters?|subscribe|membership|donations?|(?:local |independent )?journalism|inbox|e-?mails?|(?:our|the|free) app|app store|google play|podcasts?|updates|alerts|notifications|briefings?|digest|subscriptions?|twitter|x\.com|facebook|instagram|tiktok|linkedin|whatsapp|telegram|threads|bluesky|youtube|google news|apple news|rss)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Channel();

    [GeneratedRegex(@"^(?:[^\w]*)(?:sign|subscribe|join|get|download|install|follow|like|listen|watch|register|try|click|tap|stay|never|don't|want|enjoy|support|read|find|add|be the first|for (?:more|the latest))\b|\b(?:you|your|you're|yours)\b|\bour\b", RegexOptions.IgnoreCase)]
    private static partial Regex AddressesReader();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
