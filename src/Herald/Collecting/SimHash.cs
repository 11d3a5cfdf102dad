using System.IO.Hashing;
using System.Numerics;
using System.Text;

namespace Herald.Collecting;

/// <summary>
/// Charikar's SimHash over word 3-shingles: texts that share most of their shingles get fingerprints a few bits
/// apart, so a syndicated copy under another address and headline is found by comparing 64-bit numbers.
/// </summary>
public static class SimHash
{
    public const int MinWords = 40;

    /// <summary>The fingerprint, or null when the text is too short to say anything about near-duplicates.</summary>
    public static ulong? Of(string text)
    {
        var words = Words(text);
        if (words.Count < MinWords)
        {
            return null;
        }

        Span<int> votes = stackalloc int[64];
        for (var i = 0; i + 3 <= words.Count; i++)
        {
            var hash = XxHash64.HashToUInt64(Encoding.UTF8.GetBytes($"{words[i]} {words[i + 1]} {words[i + 2]}"));
            for (var bit = 0; bit < 64; bit++)
            {
                votes[bit] += ((hash >> bit) & 1) == 1 ? 1 : -1;
            }
        }

        ulong fingerprint = 0;
        for (var bit = 0; bit < 64; bit++)
        {
            if (votes[bit] > 0)
            {
                fingerprint |= 1UL << bit;
            }
        }

        return fingerprint;
    }

    public static int Distance(ulong a, ulong b) => BitOperations.PopCount(a ^ b);

    /// <summary>
    /// Jaccard similarity of the two texts' word 3-shingle sets: the exact check behind a SimHash match, since
    /// templated texts (scores, filings) can have close fingerprints while saying different things.
    /// </summary>
    public static double Resemblance(string a, string b)
    {
        var first = Shingles(Words(a));
        var second = Shingles(Words(b));
        if (first.Count == 0 || second.Count == 0)
        {
            return 0;
        }

        var shared = first.Count(second.Contains);
        return (double)shared / (first.Count + second.Count - shared);
    }

    private static HashSet<string> Shingles(List<string> words) =>
        [.. Enumerable.Range(0, Math.Max(0, words.Count - 2)).Select(i => $"{words[i]} {words[i + 1]} {words[i + 2]}")];

    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                current.Append(char.ToLowerInvariant(c));
            }
            else if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        return words;
    }
}
