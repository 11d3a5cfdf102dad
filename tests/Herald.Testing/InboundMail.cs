using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using MimeKit;

namespace Herald.Testing;

/// <summary>
/// An Inbound Parse request as SendGrid builds it: multipart/form-data with headers, from, to, subject, text, html,
/// envelope (JSON), dkim, SPF, spam_score, charsets and attachments; or, <see cref="Raw"/>, the whole message in an
/// "email" field beside the envelope and verdicts. Fields are encoded in the charsets the "charsets" field names.
/// </summary>
public sealed record InboundMail
{
    public const string ParseDomain = "parse.herald.example";
    public const string Boundary = "xYzZY";

    public string EnvelopeFrom { get; init; } = "reader@example.com";
    public string[] To { get; init; } = [$"white-house-watch@{ParseDomain}"];
    public string From { get; init; } = "Reader <reader@example.com>";
    public string Subject { get; init; } = "";
    public string SubjectCharset { get; init; } = "UTF-8";
    public string? Text { get; init; }
    public string? Html { get; init; }
    public string Spf { get; init; } = "pass";
    public string Dkim { get; init; } = "{@example.com : pass}";
    public double SpamScore { get; init; } = 0.3;
    public string MessageId { get; init; } = $"<{Guid.NewGuid():N}@mail.example.com>";

    /// <summary>Further header lines ("Auto-Submitted: auto-replied").</summary>
    public string[] ExtraHeaders { get; init; } = [];

    public (string Name, string FileName, byte[] Content)[] Attachments { get; init; } = [];

    public bool Raw { get; init; }

    /// <summary>The basic credentials in the webhook URL the operator gives SendGrid.</summary>
    public static System.Net.Http.Headers.AuthenticationHeaderValue Credentials(string secret) => new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("herald:" + secret)));

    public static InboundMail To_(string address, string subject = "", string? text = null) => new() { To = [address], Subject = subject, Text = text };

    public byte[] Body()
    {
        var fields = new List<(string Name, byte[] Value)>();
        void Add(string name, string value, Encoding? encoding = null) => fields.Add((name, (encoding ?? Encoding.UTF8).GetBytes(value)));
        var envelope = $"{{\"to\":[{string.Join(',', To.Select(t => "\"" + t + "\""))}],\"from\":\"{EnvelopeFrom}\"}}";
        if (Raw)
        {
            Add("email", RawMessage());
            Add("envelope", envelope);
            Add("dkim", Dkim);
            Add("SPF", Spf);
            Add("spam_score", SpamScore.ToString(CultureInfo.InvariantCulture));
            Add("charsets", "{\"to\":\"UTF-8\",\"from\":\"UTF-8\"}");
        }
        else
        {
            var subjectEncoding = Encoding.GetEncoding(SubjectCharset);
            Add("headers", HeaderBlock());
            Add("dkim", Dkim);
            Add("to", string.Join(", ", To));
            if (Html is not null)
            {
                Add("html", Html);
            }

            Add("from", From);
            if (Text is not null)
            {
                Add("text", Text);
            }

            Add("sender_ip", "203.0.113.7");
            Add("envelope", envelope);
            Add("attachments", Attachments.Length.ToString(CultureInfo.InvariantCulture));
            Add("subject", Subject, subjectEncoding);
            Add("spam_score", SpamScore.ToString(CultureInfo.InvariantCulture));
            Add("charsets", $"{{\"to\":\"UTF-8\",\"html\":\"UTF-8\",\"subject\":\"{SubjectCharset}\",\"from\":\"UTF-8\",\"text\":\"UTF-8\"}}");
            Add("SPF", Spf);
        }

        using var stream = new MemoryStream();
        foreach (var (name, value) in fields)
        {
            stream.Write(Encoding.ASCII.GetBytes($"--{Boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n"));
            stream.Write(value);
            stream.Write("\r\n"u8);
        }

        var number = 1;
        foreach (var (name, fileName, content) in Attachments)
        {
            stream.Write(Encoding.ASCII.GetBytes($"--{Boundary}\r\nContent-Disposition: form-data; name=\"{name}{number++}\"; filename=\"{fileName}\"\r\nContent-Type: application/octet-stream\r\n\r\n"));
            stream.Write(content);
            stream.Write("\r\n"u8);
        }

        stream.Write(Encoding.ASCII.GetBytes($"--{Boundary}--\r\n"));
        return stream.ToArray();
    }

    public HttpContent Content()
    {
        var content = new ByteArrayContent(Body());
        content.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={Boundary}");
        return content;
    }

    private string HeaderBlock()
    {
        var lines = new List<string>
        {
            "Received: by mx0047p1mdw1.sendgrid.net with SMTP id abc Tue, 25 Nov 2026 11:00:00 +0000 (UTC)",
            $"From: {From}",
            $"To: {string.Join(", ", To)}",
            $"Subject: {MimeKit.Utils.Rfc2047.EncodeText(Encoding.UTF8, Subject)}",
            $"Message-ID: {MessageId}",
            "Date: Wed, 25 Nov 2026 11:00:00 +0000",
            "MIME-Version: 1.0",
        };
        lines.AddRange(ExtraHeaders);
        return string.Join("\n", lines) + "\n";
    }

    private string RawMessage()
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(From));
        foreach (var to in To)
        {
            message.To.Add(MailboxAddress.Parse(to));
        }

        message.Subject = Subject;
        message.MessageId = MessageId.Trim('<', '>');
        foreach (var header in ExtraHeaders)
        {
            var colon = header.IndexOf(':', StringComparison.Ordinal);
            message.Headers.Add(header[..colon].Trim(), header[(colon + 1)..].Trim());
        }

        var builder = new BodyBuilder { TextBody = Text, HtmlBody = Html };
        foreach (var (_, fileName, content) in Attachments)
        {
            builder.Attachments.Add(fileName, content);
        }

        message.Body = builder.ToMessageBody();
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
