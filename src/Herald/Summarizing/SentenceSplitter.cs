using System.Text.RegularExpressions;

namespace Herald.Summarizing;

/// <summary>
/// Splits news text into sentences without breaking at "U.S.", "Mr.", "Jan." or "$3.5bn".
/// A sentence ends at ., ! or ? (optionally followed by closing quotes or brackets) before white space and
/// an opening capital, digit or quote, unless the word before the period is a known abbreviation or an initial.
/// </summary>
public static partial class SentenceSplitter
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "capt", "adm", "pres", "st", "jr", "sr",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "no", "vs", "etc", "inc", "corp", "ltd", "co", "dept", "univ", "approx", "est", "fig", "ave", "blvd", "rd", "mt", "ft",
    };

    public static List<string> Split(string text)
    {
        var sentences = new List<string>();
        foreach (var paragraph in text.Split(["\n\n", "\r\n\r\n"], StringSplitOptions.RemoveEmptyEntries))
        {
            var start = 0;
            foreach (Match boundary in Boundary().Matches(paragraph))
            {
                var end = boundary.Index + boundary.Groups["end"].Length;
                var candidate = paragraph[start..end];
                if (EndsWithAbbreviation(candidate))
                {
                    continue;
                }

                Add(sentences, candidate);
                start = boundary.Index + boundary.Length;
            }

            Add(sentences, paragraph[start..]);
        }

        return sentences;
    }

    private static void Add(List<string> sentences, string candidate)
    {
        var sentence = Whitespace().Replace(candidate, " ").Trim();
        if (sentence.Length > 0)
        {
            sentences.Add(sentence);
        }
    }

    private static bool EndsWithAbbreviation(string candidate)
    {
        var trimmed = candidate.TrimEnd('"', '\'', ')', ']', '\u201D', '\u2019');
        if (!trimmed.EndsWith('.'))
        {
            return false;
        }

        var word = LastWord().Match(trimmed[..^1]).Value;
        // "U.S." / "D.C." (letters with inner periods) and single initials ("John F.") are not sentence ends.
        return Abbreviations.Contains(word) || word.Length == 1 || word.Contains('.', StringComparison.Ordinal);
    }

    [GeneratedRegex("(?<end>[.!?][\"'\u201D\u2019)\\]]*)\\s+(?=[\"'\u201C\u2018(\\[]?\\s?[A-Z0-9])")]
    private static partial Regex Boundary();

    [GeneratedRegex(@"[\p{L}.]+$")]
    private static partial Regex LastWord();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
