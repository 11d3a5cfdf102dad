namespace Herald.Text;

/// <summary>
/// A text as the stems of its words, case folded, in order: "Flooding" and "floods" are both "flood", "sea levels" is
/// "sea level". Words are runs of letters and digits (an apostrophe ends one: "city's" is "citi", "s"); English words are
/// stemmed with the Porter stemmer, which leaves other scripts' words as they are, lowercased.
/// </summary>
public static class WordStems
{
    public static string[] Of(string text)
    {
        var stems = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var isWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (isWord && start < 0)
            {
                start = i;
            }
            else if (!isWord && start >= 0)
            {
                stems.Add(PorterStemmer.Stem(text[start..i]));
                start = -1;
            }
        }

        return [.. stems];
    }

    /// <summary>How often <paramref name="phrase"/>'s stems stand together, in order, in <paramref name="text"/>'s.</summary>
    public static int Count(string[] text, string[] phrase)
    {
        if (phrase.Length == 0 || phrase.Length > text.Length)
        {
            return 0;
        }

        var count = 0;
        for (var i = 0; i + phrase.Length <= text.Length; i++)
        {
            if (text.AsSpan(i, phrase.Length).SequenceEqual(phrase))
            {
                count++;
            }
        }

        return count;
    }
}
