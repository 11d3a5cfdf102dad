using MimeKit;

namespace Herald.Functions.Tests.Infrastructure;

/// <summary>Reading what the outbox transport wrote (a minimal copy of Herald.Tests' Outbox helper).</summary>
public static class OutboxMail
{
    public static List<string> Files(string outbox) =>
        Directory.Exists(outbox) ? [.. Directory.GetFiles(outbox, "*.eml", SearchOption.AllDirectories).Order(StringComparer.Ordinal)] : [];

    public static List<MimeMessage> All(string outbox) => [.. Files(outbox).Select(file => MimeMessage.Load(file))];

    public static List<MimeMessage> To(string outbox, string address) =>
        [.. All(outbox).Where(m => m.To.Mailboxes.Any(t => string.Equals(t.Address, address, StringComparison.OrdinalIgnoreCase)))];

    /// <summary>The one link to /api/{route}? in a message's text part.</summary>
    public static Uri Link(MimeMessage message, string route) =>
        new(System.Text.RegularExpressions.Regex.Matches(message.TextBody ?? "", @"https?://[^\s<>""]+")
            .Select(m => m.Value.TrimEnd('.', ')', ','))
            .Single(l => l.Contains("/api/" + route + "?", StringComparison.Ordinal)));
}
