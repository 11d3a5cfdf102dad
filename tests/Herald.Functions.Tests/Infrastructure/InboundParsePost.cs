using System.Net.Http.Headers;
using System.Text;

namespace Herald.Functions.Tests.Infrastructure;

/// <summary>
/// A SendGrid Inbound Parse post in its default (parsed) shape: multipart/form-data with headers, to, from,
/// subject, text, envelope, SPF, dkim, spam_score and charsets (a small copy of the fields Herald.Tests' InboundMail writes).
/// </summary>
public static class InboundParsePost
{
    private const string Boundary = "xYzZY";

    public static HttpContent Content(string envelopeFrom, string to, string subject, string text)
    {
        var messageId = $"<{Guid.NewGuid():N}@mail.example.com>";
        var fields = new (string Name, string Value)[]
        {
            ("headers", $"From: {envelopeFrom}\nTo: {to}\nSubject: {subject}\nMessage-ID: {messageId}\nDate: {DateTimeOffset.UtcNow:R}\nMIME-Version: 1.0\n"),
            ("dkim", "{@example.com : pass}"),
            ("to", to),
            ("from", envelopeFrom),
            ("text", text),
            ("sender_ip", "203.0.113.7"),
            ("envelope", $"{{\"to\":[\"{to}\"],\"from\":\"{envelopeFrom}\"}}"),
            ("attachments", "0"),
            ("subject", subject),
            ("spam_score", "0.3"),
            ("charsets", "{\"to\":\"UTF-8\",\"subject\":\"UTF-8\",\"from\":\"UTF-8\",\"text\":\"UTF-8\"}"),
            ("SPF", "pass"),
        };
        var body = new StringBuilder();
        foreach (var (name, value) in fields)
        {
            body.Append(CultureInfo(), $"--{Boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n");
        }

        body.Append(CultureInfo(), $"--{Boundary}--\r\n");
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body.ToString()));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={Boundary}");
        return content;
    }

    /// <summary>The basic credentials in the webhook URL the operator gives SendGrid.</summary>
    public static AuthenticationHeaderValue Credentials(string secret) => new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("herald:" + secret)));

    private static System.Globalization.CultureInfo CultureInfo() => System.Globalization.CultureInfo.InvariantCulture;
}
