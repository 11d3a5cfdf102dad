using System.Xml;
using Herald.Collecting.Fetching;

namespace Herald.Collecting;

/// <summary>
/// Reads RSS 0.9x, 2.0 and 1.0, Atom 0.3 and 1.0 and JSON Feed, as liberally as a feed reader should and as safely as
/// Herald must: the text is mended first (<see cref="XmlRepair"/>: junk before the document, an old DOCTYPE, HTML
/// entities, raw ampersands), then read by <see cref="SafeXml"/> (DTDs refused, so no entity ever expands), then
/// by Herald's own readers (<see cref="XmlFeedReader"/>, <see cref="JsonFeedReader"/>). Every failure is a
/// <see cref="FeedRejectedException"/> with a reason a person can act on; no library's exception escapes, and a
/// file that takes longer than <see cref="TimeLimit"/> to read is given up.
/// </summary>
public static class FeedParser
{
    public const int MaxItems = 500;

    /// <summary>The most one feed file may take to read (a 64 MB feed reads in well under a second here).</summary>
    public static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(10);

    /// <summary>Parses feed bytes, decoding them with <see cref="TextDecoding"/> (so a wrongly declared charset is survived).</summary>
    public static ParsedFeed Parse(byte[] content, Uri? feedUrl, string? charset = null, int maxItems = MaxItems) =>
        Parse(TextDecoding.Decode(content, charset), feedUrl, maxItems);

    public static ParsedFeed Parse(string content, Uri? feedUrl, int maxItems = MaxItems)
    {
        var deadline = DateTimeOffset.UtcNow + TimeLimit;
        bool OverTime() => DateTimeOffset.UtcNow > deadline;
        try
        {
            var text = SafeXml.TrimLeading(content);
            if (text.StartsWith('{'))
            {
                return JsonFeedReader.Read(text, feedUrl, maxItems, OverTime);
            }

            var (repaired, repairs) = XmlRepair.Repair(text, deadline);
            var feed = XmlFeedReader.Read(Load(repaired), feedUrl, maxItems, OverTime);
            return feed with { Notes = [.. repairs.Select(r => "mended: " + r), .. feed.Notes] };
        }
        catch (FeedRejectedException)
        {
            throw;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Whatever a reader missed still gets a reason, not a stack trace in the feed's state.
            throw new FeedRejectedException($"unreadable feed ({ex.GetType().Name}: {ex.Message})", ex);
        }
    }

    private static System.Xml.Linq.XDocument Load(string text)
    {
        try
        {
            return SafeXml.Load(text);
        }
        catch (XmlException ex) when (ex.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
        {
            throw new FeedRejectedException("the feed declares a DTD; Herald refuses DTDs and entity declarations.", ex);
        }
        catch (XmlException ex)
        {
            throw new FeedRejectedException(text.StartsWith('<') ? $"malformed XML: {ex.Message}" : $"not a feed (neither JSON nor XML): {ex.Message}", ex);
        }
    }
}
