using System.Text.RegularExpressions;
using Herald.Configuration;
using Herald.Text;
using Microsoft.Extensions.Options;

namespace Herald.Collecting;

/// <summary>
/// An article's tags: its source's default tags, its feed categories and the tags whose rules its words satisfy,
/// normalized ("US Politics" is "us-politics") and mapped through synonyms. Keywords and phrases match words as people
/// write them: on stems, case folded ("flood" matches "Flooding", "sea level" matches "sea levels"). Rule patterns run
/// on hostile page text, so they use the non-backtracking regex engine with a timeout: no pattern can hang a collection.
/// </summary>
public sealed class Tagger
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(200);
    private readonly List<(string Tag, string[][] Phrases, Regex[] Patterns, double Weight, double Threshold)> _rules;
    private readonly Dictionary<string, string> _synonyms;
    private HashSet<string>? _ruleTags;

    public Tagger(IOptions<HeraldOptions> options)
    {
        var tagging = options.Value.Tagging;
        _synonyms = tagging.Synonyms.ToDictionary(p => TagNormalizer.Normalize(p.Key), p => TagNormalizer.Normalize(p.Value), StringComparer.Ordinal);
        _rules = [.. tagging.Rules.Select(rule => (
            TagNormalizer.Normalize(rule.Tag),
            rule.Keywords.Concat(rule.Phrases).Select(WordStems.Of).Where(p => p.Length > 0).ToArray(),
            Patterns(rule).ToArray(),
            rule.Weight,
            rule.Threshold))];
    }

    /// <summary>The tags the rules give (after synonyms): what re-tagging may take away from an article.</summary>
    public IReadOnlySet<string> RuleTags => _ruleTags ??= _rules.Select(r => _synonyms.GetValueOrDefault(r.Tag, r.Tag)).ToHashSet(StringComparer.Ordinal);

    public IReadOnlyList<string> Tag(IEnumerable<string> sourceTags, IEnumerable<string> categories, string title, string text)
    {
        var tags = new HashSet<string>(TagNormalizer.NormalizeAll(sourceTags.Concat(categories)), StringComparer.Ordinal);
        var (titleStems, textStems) = (WordStems.Of(title), WordStems.Of(text));
        foreach (var (tag, phrases, patterns, weight, threshold) in _rules)
        {
            double score = 0;
            foreach (var matches in phrases.Select(p => 2 * WordStems.Count(titleStems, p) + WordStems.Count(textStems, p))
                .Concat(patterns.Select(p => 2 * Count(p, title) + Count(p, text))))
            {
                score += weight * matches;
                if (score >= threshold)
                {
                    tags.Add(tag);
                    break;
                }
            }
        }

        return [.. tags.Select(t => _synonyms.GetValueOrDefault(t, t)).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    /// <summary>Null when the rule is usable; otherwise what is wrong with it (checked at start).</summary>
    public static string? Problem(TagRule rule)
    {
        if (TagNormalizer.Normalize(rule.Tag).Length == 0)
        {
            return "Tag is missing.";
        }

        if (rule.Keywords.Count + rule.Phrases.Count + rule.Patterns.Count == 0)
        {
            return "give at least one keyword, phrase or pattern.";
        }

        if (rule.Weight <= 0 || rule.Threshold <= 0)
        {
            return "Weight and Threshold must be positive.";
        }

        foreach (var pattern in rule.Patterns)
        {
            try
            {
                _ = new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, MatchTimeout);
            }
            catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
            {
                return $"pattern '{pattern}' is not a usable regular expression: {ex.Message}";
            }
        }

        return null;
    }

    private static IEnumerable<Regex> Patterns(TagRule rule) =>
        rule.Patterns.Select(pattern => new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, MatchTimeout));

    private static int Count(Regex matcher, string text)
    {
        try
        {
            return matcher.Count(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return 0;
        }
    }
}
