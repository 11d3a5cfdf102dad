using System.Text.RegularExpressions;
using Herald.Summarizing;
using Herald.Text;

namespace Herald.Testing;

/// <summary>
/// What makes a dek or summary read badly, checked on the output alone with detectors of its own (not the rules that
/// shape the output, except the dependent-opener rule, which is the definition): a sentence cut mid-way, a dateline,
/// byline or photo credit, a promotion, a dependent opener, a dek that restates the headline.
/// </summary>
public static partial class ReadabilityCheck
{
    public const string Cut = "sentence cut mid-way";
    public const string Dateline = "dateline, byline or credit";
    public const string Promotion = "promotion";
    public const string Opener = "opens leaning on a sentence left out";
    public const string Restated = "dek restates the headline";

    public static readonly string[] All = [Cut, Dateline, Promotion, Opener, Restated];

    /// <summary>
    /// The faults of one summary (its sentences, in order) of <paramref name="article"/>; <paramref name="headline"/> only
    /// for a dek. A sentence is cut when it is not in the article as it stands, ends with an ellipsis, or lacks a sentence's
    /// end while the article goes on after it (an article of one unpunctuated line, such as a list of results, is whole).
    /// </summary>
    public static List<string> Faults(IReadOnlyList<string> sentences, string article, string? headline = null)
    {
        var faults = new List<string>();
        if (sentences.Count == 0)
        {
            return faults;
        }

        var flat = Spaces().Replace(article, " ");
        if (sentences.FirstOrDefault(s => s.EndsWith('\u2026') || s.EndsWith("...", StringComparison.Ordinal) || (!Ended().IsMatch(s) && !flat.TrimEnd().EndsWith(s, StringComparison.Ordinal)) || !flat.Contains(Spaces().Replace(s, " "), StringComparison.Ordinal)) is { } cut)
        {
            faults.Add(Cut + " (" + (cut.Length > 60 ? "\u2026" + cut[^60..] : cut) + ")");
        }

        if (sentences.Any(s => CityDateline().IsMatch(s) || AgencyTag().IsMatch(s) || BylineOrStamp().IsMatch(s) || PhotoCredit().IsMatch(s)))
        {
            faults.Add(Dateline);
        }

        if (sentences.Any(PromoLine.IsPromotional))
        {
            faults.Add(Promotion);
        }

        var all = SentenceSplitter.Split(NewsText.StripDatelines(article)).Select(NewsText.StripLeadIn).ToList();
        if (NewsText.DependsOnPrevious(sentences[0]) && all.IndexOf(sentences[0]) > 0)
        {
            faults.Add(Opener);
        }

        if (headline is not null && sentences.Count == 1 && HeadlineTerms(sentences[0], headline))
        {
            faults.Add(Restated);
        }

        return faults;
    }

    /// <summary>Independent of the summarizer's rule: the dek's words, stop words aside and unstemmed, are nearly all the headline's.</summary>
    private static bool HeadlineTerms(string dek, string headline)
    {
        static HashSet<string> Words(string text) => [.. Word().Matches(text.ToLowerInvariant()).Select(m => m.Value).Where(w => w.Length > 3)];
        var mine = Words(dek);
        var title = Words(headline);
        return mine.Count > 0 && mine.Count(w => title.Any(t => t.StartsWith(w[..Math.Min(w.Length, 5)], StringComparison.Ordinal))) >= 0.7 * mine.Count;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"[.!?](?:\s*[""'\u201D\u2019)\]])*$")]
    private static partial Regex Ended();

    [GeneratedRegex(@"^[A-Z][A-Z .,'-]{2,}(?:\([^)]{1,40}\))?\s*[-\u2013\u2014]")]
    private static partial Regex CityDateline();

    [GeneratedRegex(@"\((?:CNN|AP|Reuters|AFP|UPI|PA|dpa)\)")]
    private static partial Regex AgencyTag();

    [GeneratedRegex(@"^By\s+\.?\s*[A-Z][a-z]+\s+[A-Z]|\b(?:PUBLISHED|UPDATED|Last updated)\s*:|\|\s*\.\s*UPDATED")]
    private static partial Regex BylineOrStamp();

    [GeneratedRegex(@"\b(?:Photo|Photograph|Picture|Image)s?(?:\s+credit)?\s*:|\b(?:Getty Images|AP Photo|Shutterstock|AFP via Getty|Reuters/[A-Z])|^(?:Credit|Source)\s*:")]
    private static partial Regex PhotoCredit();

    [GeneratedRegex(@"[a-z0-9]+")]
    private static partial Regex Word();
}
