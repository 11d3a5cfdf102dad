using System.Text.Json;
using System.Text.RegularExpressions;
using Herald.Text;

namespace Herald.Summarizing.Chat;

/// <summary>
/// Decides whether a model's answer may be shown to readers: well-formed JSON, the right lengths, no link the
/// article does not contain, and grounded in the article (most of its content words come from the article, which
/// also catches another language, a refusal, or text an injected instruction asked for).
/// </summary>
public static partial class ChatSummaryValidator
{
    public const int DekMaxWords = 40;
    public const int SummaryMinWords = 8;
    public const int SummaryMaxWords = 110;
    public const int SummaryMaxSentences = 5;
    public const double MinGrounding = 0.6;

    public sealed record Parsed(string Dek, string Summary);

    /// <summary>The answer when it passes, or null with the reason it failed.</summary>
    public static (Parsed? Summary, string? Problem) Validate(string? reply, string articleTitle, string articleText)
    {
        if (string.IsNullOrWhiteSpace(reply))
        {
            return (null, "empty reply");
        }

        var json = Fence().Replace(reply.Trim(), "").Trim();
        Parsed? parsed;
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            parsed = root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("dek", out var dek) && dek.ValueKind == JsonValueKind.String
                && root.TryGetProperty("summary", out var summary) && summary.ValueKind == JsonValueKind.String
                    ? new Parsed(Clean(dek.GetString()!), Clean(summary.GetString()!))
                    : null;
        }
        catch (JsonException)
        {
            return (null, "reply is not JSON");
        }

        if (parsed is null)
        {
            return (null, "reply lacks \"dek\" or \"summary\"");
        }

        var dekWords = Words.Count(parsed.Dek);
        var summaryWords = Words.Count(parsed.Summary);
        if (dekWords == 0 || dekWords > DekMaxWords)
        {
            return (null, $"dek has {dekWords} words");
        }

        if (summaryWords < SummaryMinWords || summaryWords > SummaryMaxWords || SentenceSplitter.Split(parsed.Summary).Count > SummaryMaxSentences)
        {
            return (null, $"summary has {summaryWords} words");
        }

        var source = articleTitle + "\n" + articleText;
        foreach (var link in Link().Matches(parsed.Dek + " " + parsed.Summary).Select(m => m.Value.TrimEnd('.', ',', ')')))
        {
            if (!source.Contains(link, StringComparison.OrdinalIgnoreCase))
            {
                return (null, "reply contains a link the article does not");
            }
        }

        if (parsed.Summary.Contains("](", StringComparison.Ordinal) || parsed.Summary.Contains('<', StringComparison.Ordinal) || parsed.Dek.Contains('<', StringComparison.Ordinal))
        {
            return (null, "reply contains markup");
        }

        var articleTerms = TermVectors.Terms(source).ToHashSet(StringComparer.Ordinal);
        var replyTerms = TermVectors.Terms(parsed.Dek + " " + parsed.Summary);
        var grounding = replyTerms.Count == 0 ? 0 : (double)replyTerms.Count(articleTerms.Contains) / replyTerms.Count;
        if (grounding < MinGrounding)
        {
            return (null, $"only {grounding:P0} of the reply's words come from the article");
        }

        return (parsed, null);
    }

    private static string Clean(string text) => Whitespace().Replace(new string([.. text.Where(c => !char.IsControl(c) || c == '\n')]), " ").Trim();

    [GeneratedRegex(@"^```(?:json)?|```$", RegexOptions.Multiline)]
    private static partial Regex Fence();

    [GeneratedRegex(@"(?:https?://|www\.)\S+", RegexOptions.IgnoreCase)]
    private static partial Regex Link();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
