using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Herald.Collecting;

/// <summary>
/// Lines a site repeats under its stories — a standing pitch, a disclaimer, a "more from the desk" strip — which no
/// wording rule knows, found by repetition: the short paragraphs of a source's pages are remembered (as hashes, with
/// how many pages carried each), and a paragraph that at least <see cref="MinPages"/> pages carried, counting the
/// pages of this run, is taken out of this run's texts. A syndicated or quoted paragraph is longer than
/// <see cref="MaxWords"/> and never counts; a text is never emptied. The memory lives in the feed's state row
/// (<see cref="Serialize"/>), written only after the run's articles are stored, like the items it has seen.
/// </summary>
public sealed class SiteLines
{
    /// <summary>Pages that must carry a line before it is the site's, not the story's: two could be a story and its update.</summary>
    public const int MinPages = 3;

    /// <summary>Only short standalone paragraphs can be a site's line.</summary>
    public const int MaxWords = 40;

    /// <summary>Lines remembered per source, the least recently seen forgotten first (about 17 characters each in the row).</summary>
    public const int MaxRemembered = 1000;

    // Hash -> pages that carried it; insertion order kept as recency (re-added when seen again).
    private readonly Dictionary<string, int> pages = new(StringComparer.Ordinal);
    private readonly LinkedList<string> recency = new();

    /// <summary>Reads the remembered lines ("hash:pages;..."); anything malformed is ignored, never trusted.</summary>
    public static SiteLines Parse(string? state)
    {
        var lines = new SiteLines();
        foreach (var entry in (state ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries).Take(MaxRemembered))
        {
            var colon = entry.IndexOf(':', StringComparison.Ordinal);
            if (colon == 12 && entry[..colon].All(char.IsAsciiHexDigitLower)
                && int.TryParse(entry.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0
                && lines.pages.TryAdd(entry[..colon], count))
            {
                lines.recency.AddLast(entry[..colon]);
            }
        }

        return lines;
    }

    public int Count => pages.Count;

    public string Serialize() => string.Join(';', recency.Select(hash => hash + ":" + pages[hash].ToString(CultureInfo.InvariantCulture)));

    /// <summary>
    /// Takes the site's repeated lines out of <paramref name="texts"/> (one per page of this run, paragraphs separated
    /// by blank lines) and remembers these pages' short paragraphs. Returns the texts in the same order.
    /// </summary>
    public IReadOnlyList<string> RemoveRepeated(IReadOnlyList<string> texts)
    {
        var paragraphs = texts.Select(t => t.Split("\n\n")).ToList();
        var here = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var page in paragraphs)
        {
            foreach (var hash in page.Select(HashOf).OfType<string>().Distinct(StringComparer.Ordinal))
            {
                here[hash] = here.GetValueOrDefault(hash) + 1;
            }
        }

        var repeated = here.Where(h => h.Value + pages.GetValueOrDefault(h.Key) >= MinPages).Select(h => h.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var (hash, count) in here)
        {
            Remember(hash, pages.GetValueOrDefault(hash) + count);
        }

        return [.. paragraphs.Select((page, i) =>
        {
            var kept = page.Where(p => HashOf(p) is not { } hash || !repeated.Contains(hash)).ToList();
            return kept.Any(p => p.Trim().Length > 0) ? string.Join("\n\n", kept) : texts[i];
        })];
    }

    private void Remember(string hash, int count)
    {
        if (pages.ContainsKey(hash))
        {
            recency.Remove(hash);
        }

        pages[hash] = Math.Min(count, 9999);
        recency.AddLast(hash);
        while (recency.Count > MaxRemembered)
        {
            pages.Remove(recency.First!.Value);
            recency.RemoveFirst();
        }
    }

    /// <summary>The line's identity: lowercase, spaces collapsed, hashed; null for a paragraph too long (or empty) to be a site's line.</summary>
    private static string? HashOf(string paragraph)
    {
        var words = paragraph.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0 || words.Length > MaxWords)
        {
            return null;
        }

        var normal = string.Join(' ', words).ToLowerInvariant();
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normal)))[..12];
    }
}
