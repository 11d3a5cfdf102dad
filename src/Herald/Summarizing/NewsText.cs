using System.Text.RegularExpressions;

namespace Herald.Summarizing;

/// <summary>Removes the parts of news copy that never belong in a summary: datelines, bylines, agency tags.</summary>
public static partial class NewsText
{
    /// <summary>"WASHINGTON (Capitol Wire) - ", "(CNN) ", "LONDON, England (Reuters) -- " and "By Jane Doe ." at the start of the text.</summary>
    public static string StripDatelines(string text)
    {
        var stripped = Dateline().Replace(text, "", 1);
        stripped = Byline().Replace(stripped, "", 1);
        return stripped.TrimStart();
    }

    /// <summary>
    /// True when a sentence leans on the one before it and cannot open a summary alone: it begins with a pronoun or a
    /// connective ("He said...", "But...", "It was...", "However,"), or it is a quotation that names no speaker.
    /// </summary>
    public static bool DependsOnPrevious(string sentence)
    {
        var text = sentence.TrimStart();
        if (DependentOpener().IsMatch(text))
        {
            return true;
        }

        return text.Length > 0 && text[0] is '"' or '\u201C' or '\u2018' or '\'' && !Attribution().IsMatch(text);
    }

    /// <summary>
    /// True when a sentence says little beyond the headline: at least <paramref name="share"/> of its content words
    /// (stems, stop words aside) are the headline's. Under the headline, such a dek would tell the reader nothing new.
    /// </summary>
    public static bool Restates(string sentence, string? headline, double share = 0.6)
    {
        if (string.IsNullOrWhiteSpace(headline))
        {
            return false;
        }

        var words = Herald.Text.TermVectors.Terms(sentence).ToHashSet(StringComparer.Ordinal);
        if (words.Count == 0)
        {
            return false;
        }

        var title = Herald.Text.TermVectors.Terms(headline).ToHashSet(StringComparer.Ordinal);
        return words.Count(title.Contains) >= share * words.Count;
    }

    /// <summary>
    /// True when the text ends as a sentence does (".", "!" or "?", then any closing quotes or brackets); a heading, a
    /// list's lead-in ("Five things about the emperor:") or a line of results does not, and read alone it is a fragment.
    /// </summary>
    public static bool EndsLikeSentence(string text) => SentenceEnd().IsMatch(text);

    [GeneratedRegex(@"[.!?](?:\s*[""'\u201D\u2019)\]])*\s*$")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"^(?:He|She|It|They|His|Her|Its|Their|Him|Them|But|And|Or|So|However|Yet|Still|Also|Instead|Then|Meanwhile|Nevertheless|Moreover|Furthermore)\b")]
    private static partial Regex DependentOpener();

    [GeneratedRegex(@"\b(?:said|says|say|told|tells|added|adds|according to|wrote|writes|asked|explained|insisted|argued|claimed|stated)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Attribution();

    /// <summary>Same for the start of one sentence (a dateline may begin a later paragraph too).</summary>
    public static string StripLeadIn(string sentence) => Dateline().Replace(sentence, "", 1).Trim();

    [GeneratedRegex(@"^\s*(?:(?:[A-Z][A-Za-z .,'-]{1,40}\s*)?\((?:cnn|CNN|[A-Z][A-Za-z .&]{1,30})\)\s*(?:[-\u2013\u2014]+|:)?\s*|[A-Z][A-Z.,' ]{2,40}\s+[-\u2013\u2014]{1,2}\s*(?=[""\u201C']?[A-Z][a-z]))")]
    private static partial Regex Dateline();

    // Capitalized names ending in "." or "|" ("By . Jane Doe . PUBLISHED: ... ."): "By Tuesday, the Senate" is not a byline.
    [GeneratedRegex(@"^\s*By\s+\.?\s*(?:[A-Z][\w'-]*\s+){1,4}[.|]\s*(?:(?:PUBLISHED|UPDATED)\s*:\s*\.?[^.]*\.\s*(?:\|\s*\.?\s*)?)*")]
    private static partial Regex Byline();
}
