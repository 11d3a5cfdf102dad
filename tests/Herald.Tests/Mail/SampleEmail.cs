using Herald.Mail;

namespace Herald.Tests.Mail;

/// <summary>A digest email as the sender hands it to a transport, for the transport tests.</summary>
public static class SampleEmail
{
    public static OutgoingEmail Digest(string key = "white-house-watch/2026-11-25/abc") => new()
    {
        Key = key,
        Category = "digest",
        NewsletterId = "white-house-watch",
        SubscriberId = "abc",
        FromAddress = "watch@herald.example",
        FromName = "White House Watch",
        To = "reader@example.com",
        Subject = "White House Watch: Senate passes stopgap",
        Html = "<p>Senate passes stopgap</p>",
        Text = "Senate passes stopgap",
        Headers = new Dictionary<string, string>
        {
            ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
            ["List-Id"] = "White House Watch <white-house-watch.herald>",
        },
    };
}
