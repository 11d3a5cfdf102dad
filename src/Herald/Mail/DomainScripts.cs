namespace Herald.Mail;

/// <summary>
/// UTS #39's "moderately restrictive" level (section 5.2), label by label: a label is in one script, or in Latin with
/// Han and Hiragana and Katakana (Japanese), Latin with Han and Bopomofo (Chinese), Latin with Han and Hangul (Korean),
/// or Latin with any one other script but Cyrillic or Greek — the two whose letters pass for Latin ones (exаmple.com
/// with a Cyrillic а). Common and Inherited characters (digits, hyphen, combining marks) belong to every script.
/// </summary>
public static class DomainScripts
{
    private static readonly string[][] Allowed =
    [
        ["Latin", "Han", "Hiragana", "Katakana"],
        ["Latin", "Han", "Bopomofo"],
        ["Latin", "Han", "Hangul"],
    ];

    /// <summary>The first label of a Unicode domain that mixes scripts as the level forbids, and its scripts; null when none does.</summary>
    public static (string Label, IReadOnlyList<string> Scripts)? FirstMixedLabel(string unicodeDomain)
    {
        foreach (var label in unicodeDomain.Split('.'))
        {
            var scripts = label.EnumerateRunes().Select(ScriptRanges.Of).Where(s => s is not ScriptRanges.Common and not "Inherited").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            if (!IsAllowed(scripts))
            {
                return (label, scripts);
            }
        }

        return null;
    }

    private static bool IsAllowed(List<string> scripts) =>
        scripts.Count <= 1
        || Allowed.Any(set => scripts.All(s => set.Contains(s, StringComparer.Ordinal)))
        || (scripts.Count == 2 && scripts.Contains("Latin", StringComparer.Ordinal) && !scripts.Contains("Cyrillic", StringComparer.Ordinal) && !scripts.Contains("Greek", StringComparer.Ordinal));
}
