using System.Text.RegularExpressions;

namespace Herald.Text;

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

                var next = boundary.Index + boundary.Length;
                if (HasOpenQuote(candidate) && ClosingQuote().Match(paragraph, end) is { Success: true } closing && closing.Index == end)
                {
                    // ". ' Fans" after an open quote: the spaced quote closes this sentence rather than opening the next.
                    candidate = paragraph[start..(end + closing.Length)];
                    next = end + closing.Length;
                    while (next < paragraph.Length && char.IsWhiteSpace(paragraph[next]))
                    {
                        next++;
                    }
                }

                Add(sentences, candidate);
                start = next;
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

    /// <summary>An odd number of straight double quotes, or of free-standing single quotes (" ' ", as in CNN/DM copy).</summary>
    private static bool HasOpenQuote(string candidate) =>
        candidate.Count(c => c == '"') % 2 == 1 || SpacedQuote().Count(candidate) % 2 == 1;

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

    [GeneratedRegex(@"\G\s+[""']")]
    private static partial Regex ClosingQuote();

    [GeneratedRegex(@"(?<=^|\s)'(?=\s|$)")]
    private static partial Regex SpacedQuote();

    [GeneratedRegex(@"[\p{L}.]+$")]
    private static partial Regex LastWord();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
