using System.Security.Cryptography;
using System.Text;
using Herald.Templates;
using MimeKit;

namespace Herald.Mail;

/// <summary>
/// Builds the RFC 5322 message one recipient gets: multipart/alternative text and HTML, the shared headers and their
/// own. Every part is encoded for 7-bit transport (quoted-printable or base64 where a part needs it), so no line
/// passes 78 characters in the body and every part declares its transfer encoding, whatever reads it.
/// </summary>
public static class MimeMessages
{
    /// <summary>How .eml files and SMTP transactions are written: CRLF line ends, as RFC 5322 has them.</summary>
    public static readonly FormatOptions Format = CreateFormat();

    public static MimeMessage Build(MailContent content, MailRecipient recipient, DateTimeOffset date)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(content.FromName, content.FromAddress));
        message.To.Add(new MailboxAddress(recipient.Name ?? "", recipient.Email));
        message.Subject = content.Subject;
        message.Date = date;

        // The same key always yields the same Message-ID, so a re-sent copy is recognizably the same message.
        var domain = content.FromAddress[(content.FromAddress.LastIndexOf('@') + 1)..];
        message.MessageId = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(recipient.Key)).AsSpan(0, 16)) + "@" + domain;
        foreach (var (name, value) in content.Headers.Concat(recipient.Headers))
        {
            message.Headers.Add(name, value);
        }

        message.Body = new BodyBuilder
        {
            TextBody = PersonalSlots.Fill(content.Text, recipient.Values, html: false),
            HtmlBody = PersonalSlots.Fill(content.Html, recipient.Values, html: true),
        }.ToMessageBody();
        message.Prepare(EncodingConstraint.SevenBit, 78);
        return message;
    }

    private static FormatOptions CreateFormat()
    {
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        format.International = false;
        return format;
    }
}
