using Herald.Mail;
using Herald.Templates;

namespace Herald.Testing;

/// <summary>A digest mailing as delivery hands it to a transport, for the transport tests.</summary>
public static class SampleEmail
{
    public static MailContent Content(string subject = "White House Watch: Senate passes stopgap", string html = "<p>Senate passes stopgap</p>", string text = "Senate passes stopgap") => new()
    {
        FromAddress = "watch@herald.example",
        FromName = "White House Watch",
        Subject = subject,
        Html = html,
        Text = text,
        Category = "digest",
        Headers = new Dictionary<string, string>
        {
            ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
            ["List-Id"] = "White House Watch <white-house-watch.herald>",
        },
        Tags = new Dictionary<string, string> { ["herald_newsletter"] = "white-house-watch", ["herald_edition"] = "white-house-watch-20261125", ["herald_batch"] = "1" },
    };

    public static MailRecipient Recipient(string key = "white-house-watch/2026-11-25/abc", string email = "reader@example.com", string? name = null) => new()
    {
        Email = email,
        Name = name,
        Key = key,
        Values = new PersonalValues("https://herald.example/api/unsubscribe?token=T", "https://herald.example/api/preferences?token=P", name ?? ""),
        Headers = [new("List-Unsubscribe", "<https://herald.example/api/unsubscribe?token=T>")],
    };

    public static MailRequest Request(params MailRecipient[] recipients) => new(Content(), recipients.Length == 0 ? [Recipient()] : recipients);
}
