using System.Security.Cryptography;
using System.Text;
using MimeKit;

namespace Herald.Mail;

/// <summary>Builds the RFC 5322 message for an <see cref="OutgoingEmail"/>: multipart/alternative text and HTML.</summary>
public static class MimeMessages
{
    public static MimeMessage Build(OutgoingEmail email, DateTimeOffset date)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(email.FromName, email.FromAddress));
        message.To.Add(MailboxAddress.Parse(email.To));
        message.Subject = email.Subject;
        message.Date = date;

        // The same key always yields the same Message-ID, so a re-sent copy is recognizably the same message.
        var domain = email.FromAddress[(email.FromAddress.LastIndexOf('@') + 1)..];
        message.MessageId = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(email.Key)).AsSpan(0, 16)) + "@" + domain;
        foreach (var (name, value) in email.Headers)
        {
            message.Headers.Add(name, value);
        }

        message.Body = new BodyBuilder { TextBody = email.Text, HtmlBody = email.Html }.ToMessageBody();
        return message;
    }
}
