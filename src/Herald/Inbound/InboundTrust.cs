namespace Herald.Inbound;

/// <summary>
/// Whether a mail to Herald may start mail to someone: not sent by a program (a reply would start two robots answering
/// each other), and from a sender who can be believed. Unsubscribing needs neither: it is always safe.
/// </summary>
public static class InboundTrust
{
    private static readonly string[] RobotPrecedence = ["bulk", "list", "junk", "auto_reply"];
    private static readonly string[] RobotMailboxes = ["mailer-daemon", "postmaster", "noreply", "no-reply", "donotreply", "do-not-reply", "bounce", "bounces"];

    /// <summary>Why the mail looks sent by a program; null when it does not.</summary>
    public static string? RobotReason(InboundMessage message)
    {
        if (message.EnvelopeFrom.Trim() is "" or "<>")
        {
            return "a delivery report (empty envelope sender)";
        }

        if (message.Header("auto-submitted") is { } auto && !auto.Trim().StartsWith("no", StringComparison.OrdinalIgnoreCase))
        {
            return $"an automatic message (Auto-Submitted: {Short(auto)})";
        }

        if (message.Header("precedence") is { } precedence && RobotPrecedence.Contains(precedence.Trim().ToLowerInvariant()))
        {
            return $"bulk or list mail (Precedence: {Short(precedence)})";
        }

        if (message.Header("list-id") is not null || message.Header("list-unsubscribe") is not null)
        {
            return "mail from a mailing list";
        }

        if (message.Header("x-autoreply") is not null || message.Header("x-autorespond") is not null)
        {
            return "an auto-reply";
        }

        if (message.Header("x-failed-recipients") is not null || message.Header("content-type")?.Contains("multipart/report", StringComparison.OrdinalIgnoreCase) == true)
        {
            return "a bounce";
        }

        var local = message.EnvelopeFrom.Trim().Trim('<', '>').Split('@')[0].ToLowerInvariant();
        return RobotMailboxes.Contains(local) ? "sent from a robot's mailbox" : null;
    }

    /// <summary>Why the sender cannot be believed; null when SPF or DKIM passed and the spam score is at most <paramref name="maxSpamScore"/>.</summary>
    public static string? DistrustReason(InboundMessage message, double maxSpamScore)
    {
        var spf = message.Spf?.Trim().Equals("pass", StringComparison.OrdinalIgnoreCase) == true;
        var dkim = message.Dkim?.Contains(": pass", StringComparison.OrdinalIgnoreCase) == true || message.Dkim?.Contains(":pass", StringComparison.OrdinalIgnoreCase) == true;
        if (!spf && !dkim)
        {
            return "neither SPF nor DKIM passed, so the sender may be forged";
        }

        return message.SpamScore > maxSpamScore ? $"spam score {message.SpamScore:0.#} is over {maxSpamScore:0.#}" : null;
    }

    private static string Short(string value) => value.Length <= 40 ? value : value[..40];
}
