using MimeKit;

namespace Herald.Testing;

/// <summary>Reading what the outbox transport wrote: the messages to an address, and the links in them.</summary>
public static class Outbox
{
    /// <summary>Every .eml the outbox holds, in path order.</summary>
    public static List<string> Files(string outbox) =>
        Directory.Exists(outbox) ? [.. Directory.GetFiles(outbox, "*.eml", SearchOption.AllDirectories).Order(StringComparer.Ordinal)] : [];

    public static List<MimeMessage> All(string outbox) => [.. Files(outbox).Select(file => MimeMessage.Load(file))];

    public static List<MimeMessage> MessagesTo(string outbox, string address)
    {
        if (!Directory.Exists(outbox))
        {
            return [];
        }

        return [.. Directory.GetFiles(outbox, "*.eml", SearchOption.AllDirectories)
            .OrderBy(File.GetLastWriteTimeUtc)
            .Select(file => MimeMessage.Load(file))
            .Where(m => m.To.Mailboxes.Any(t => string.Equals(t.Address, address, StringComparison.OrdinalIgnoreCase)))];
    }

    /// <summary>Every http(s) link in a message's text part.</summary>
    public static List<string> Links(MimeMessage message) =>
        [.. System.Text.RegularExpressions.Regex.Matches(message.TextBody ?? "", @"https?://[^\s<>""]+").Select(m => m.Value.TrimEnd('.', ')', ','))];

    public static string Link(MimeMessage message, string route) => Links(message).Single(l => l.Contains("/api/" + route + "?", StringComparison.Ordinal));
}
