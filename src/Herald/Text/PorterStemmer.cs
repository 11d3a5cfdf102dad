namespace Herald.Text;

/// <summary>
/// The Porter stemmer as NLTK implements it in its default NLTK_EXTENSIONS mode, which is what the
/// rouge-score package calls. ROUGE figures are only comparable when the stemming is the same, so this
/// follows NLTK rule for rule, including its departures from the 1980 paper (marked below).
/// </summary>
public static class PorterStemmer
{
    private static readonly Dictionary<string, string> Irregular = new(StringComparer.Ordinal)
    {
        ["sky"] = "sky", ["skies"] = "sky", ["dying"] = "die", ["lying"] = "lie", ["tying"] = "tie", ["news"] = "news",
        ["innings"] = "inning", ["inning"] = "inning", ["outings"] = "outing", ["outing"] = "outing",
        ["cannings"] = "canning", ["canning"] = "canning", ["howe"] = "howe", ["proceed"] = "proceed",
        ["exceed"] = "exceed", ["succeed"] = "succeed",
    };

    private delegate bool Condition(string stem);

    private readonly record struct Rule(string Suffix, string Replacement, Condition? When);

    public static string Stem(string word)
    {
        var stem = word.ToLowerInvariant();
        if (Irregular.TryGetValue(stem, out var irregular))
        {
            return irregular;
        }

        if (word.Length <= 2)
        {
            return stem;
        }

        stem = Step1A(stem);
        stem = Step1B(stem);
        stem = Step1C(stem);
        stem = Step2(stem);
        stem = Step3(stem);
        stem = Step4(stem);
        stem = Step5A(stem);
        return Step5B(stem);
    }

    private static bool IsConsonant(string word, int i) => word[i] switch
    {
        'a' or 'e' or 'i' or 'o' or 'u' => false,
        'y' => i == 0 || !IsConsonant(word, i - 1),
        _ => true,
    };

    /// <summary>m in [C](VC)^m[V]: the number of vowel-consonant sequences.</summary>
    private static int Measure(string stem)
    {
        var count = 0;
        for (var i = 1; i < stem.Length; i++)
        {
            if (!IsConsonant(stem, i - 1) && IsConsonant(stem, i))
            {
                count++;
            }
        }

        return count;
    }

    private static bool PositiveMeasure(string stem) => Measure(stem) > 0;

    private static bool ContainsVowel(string stem)
    {
        for (var i = 0; i < stem.Length; i++)
        {
            if (!IsConsonant(stem, i))
            {
                return true;
            }
        }

        return false;
    }

    private static bool EndsDoubleConsonant(string word) =>
        word.Length >= 2 && word[^1] == word[^2] && IsConsonant(word, word.Length - 1);

    /// <summary>*o: consonant-vowel-consonant, the last not w, x or y. NLTK also counts a two-letter vowel-consonant word.</summary>
    private static bool EndsCvc(string word) =>
        (word.Length >= 3 && IsConsonant(word, word.Length - 3) && !IsConsonant(word, word.Length - 2) && IsConsonant(word, word.Length - 1) && word[^1] is not ('w' or 'x' or 'y'))
        || (word.Length == 2 && !IsConsonant(word, 0) && IsConsonant(word, 1));

    /// <summary>The first rule whose suffix matches decides: it applies when its condition holds, and no later rule is tried either way.</summary>
    private static string Apply(string word, Rule[] rules)
    {
        foreach (var rule in rules)
        {
            if (rule.Suffix == "*d")
            {
                if (EndsDoubleConsonant(word))
                {
                    var stem = word[..^2];
                    return rule.When is null || rule.When(stem) ? stem + rule.Replacement : word;
                }

                continue;
            }

            if (word.EndsWith(rule.Suffix, StringComparison.Ordinal))
            {
                var stem = word[..^rule.Suffix.Length];
                return rule.When is null || rule.When(stem) ? stem + rule.Replacement : word;
            }
        }

        return word;
    }

    private static string Step1A(string word)
    {
        // NLTK: "dies" -> "die" but "flies" -> "fli".
        if (word.EndsWith("ies", StringComparison.Ordinal) && word.Length == 4)
        {
            return word[..^3] + "ie";
        }

        return Apply(word, [new("sses", "ss", null), new("ies", "i", null), new("ss", "ss", null), new("s", "", null)]);
    }

    private static string Step1B(string word)
    {
        // NLTK: "died" -> "die" but "spied" -> "spi".
        if (word.EndsWith("ied", StringComparison.Ordinal))
        {
            return word.Length == 4 ? word[..^3] + "ie" : word[..^3] + "i";
        }

        if (word.EndsWith("eed", StringComparison.Ordinal))
        {
            var stem = word[..^3];
            return Measure(stem) > 0 ? stem + "ee" : word;
        }

        string? intermediate = null;
        foreach (var suffix in new[] { "ed", "ing" })
        {
            if (word.EndsWith(suffix, StringComparison.Ordinal) && ContainsVowel(word[..^suffix.Length]))
            {
                intermediate = word[..^suffix.Length];
                break;
            }
        }

        if (intermediate is null)
        {
            return word;
        }

        var last = intermediate[^1];
        return Apply(intermediate,
        [
            new("at", "ate", null),
            new("bl", "ble", null),
            new("iz", "ize", null),
            new("*d", last.ToString(), _ => last is not ('l' or 's' or 'z')),
            new("", "e", stem => Measure(stem) == 1 && EndsCvc(stem)),
        ]);
    }

    /// <summary>NLTK: y -> i only after a consonant that is not the whole stem ("happy" -> "happi", "enjoy" stays).</summary>
    private static string Step1C(string word) =>
        Apply(word, [new("y", "i", stem => stem.Length > 1 && IsConsonant(stem, stem.Length - 1))]);

    private static string Step2(string word)
    {
        // NLTK applies ALLI -> AL first and runs step 2 again on the result.
        if (word.EndsWith("alli", StringComparison.Ordinal) && PositiveMeasure(word[..^4]))
        {
            return Step2(word[..^4] + "al");
        }

        return Apply(word,
        [
            new("ational", "ate", PositiveMeasure),
            new("tional", "tion", PositiveMeasure),
            new("enci", "ence", PositiveMeasure),
            new("anci", "ance", PositiveMeasure),
            new("izer", "ize", PositiveMeasure),
            new("bli", "ble", PositiveMeasure),
            new("alli", "al", PositiveMeasure),
            new("entli", "ent", PositiveMeasure),
            new("eli", "e", PositiveMeasure),
            new("ousli", "ous", PositiveMeasure),
            new("ization", "ize", PositiveMeasure),
            new("ation", "ate", PositiveMeasure),
            new("ator", "ate", PositiveMeasure),
            new("alism", "al", PositiveMeasure),
            new("iveness", "ive", PositiveMeasure),
            new("fulness", "ful", PositiveMeasure),
            new("ousness", "ous", PositiveMeasure),
            new("aliti", "al", PositiveMeasure),
            new("iviti", "ive", PositiveMeasure),
            new("biliti", "ble", PositiveMeasure),
            new("fulli", "ful", PositiveMeasure),
            // NLTK keeps the "l" with the stem, so short stems like "geo" and "theo" behave like "archaeo".
            new("logi", "log", _ => PositiveMeasure(word[..^3])),
        ]);
    }

    private static string Step3(string word) => Apply(word,
    [
        new("icate", "ic", PositiveMeasure),
        new("ative", "", PositiveMeasure),
        new("alize", "al", PositiveMeasure),
        new("iciti", "ic", PositiveMeasure),
        new("ical", "ic", PositiveMeasure),
        new("ful", "", PositiveMeasure),
        new("ness", "", PositiveMeasure),
    ]);

    private static string Step4(string word)
    {
        static bool Gt1(string stem) => Measure(stem) > 1;
        return Apply(word,
        [
            new("al", "", Gt1), new("ance", "", Gt1), new("ence", "", Gt1), new("er", "", Gt1), new("ic", "", Gt1),
            new("able", "", Gt1), new("ible", "", Gt1), new("ant", "", Gt1), new("ement", "", Gt1), new("ment", "", Gt1),
            new("ent", "", Gt1),
            new("ion", "", stem => Measure(stem) > 1 && stem.Length > 0 && stem[^1] is 's' or 't'),
            new("ou", "", Gt1), new("ism", "", Gt1), new("ate", "", Gt1), new("iti", "", Gt1), new("ous", "", Gt1),
            new("ive", "", Gt1), new("ize", "", Gt1),
        ]);
    }

    private static string Step5A(string word)
    {
        if (word.EndsWith('e'))
        {
            var stem = word[..^1];
            var m = Measure(stem);
            if (m > 1 || (m == 1 && !EndsCvc(stem)))
            {
                return stem;
            }
        }

        return word;
    }

    private static string Step5B(string word) => Apply(word, [new("ll", "l", _ => Measure(word[..^1]) > 1)]);
}
