using System.Text;
using Herald.Mail;
using Herald.Templates;
using Herald.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace Herald.Tests.Mail;

/// <summary>
/// Every message the outbox writes and the SMTP transport sends is strict RFC 5322/2045 mail: CRLF lines of at most
/// 998 octets (78 in bodies), 7-bit clean, every part declaring its transfer encoding; and both transports send the
/// same message — with non-ASCII titles, names and long lines that need encoding.
/// </summary>
public sealed class MimeComplianceTests(MailDevFixture maildev) : IClassFixture<MailDevFixture>, IDisposable
{
    private static readonly string LongLine = string.Concat(Enumerable.Repeat("Élysée–北京 talks continue; ", 80));
    private readonly string _outbox = Directory.CreateTempSubdirectory("herald-mime-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 11, 0, 0, TimeSpan.Zero));

    private static MailRequest Request(string to) => new(
        SampleEmail.Content(
            subject: "White House Watch: Élysée talks — Zoë Ünal’s €4.2bn plan, 北京 responds 📰 and a subject long enough to need folding across lines",
            html: $"<p>Hello {PersonalSlots.Marker(PersonalSlot.Name)},</p><p>{LongLine}</p><p><a href=\"{PersonalSlots.Marker(PersonalSlot.UnsubscribeUrl)}\">Unsubscribe</a></p>",
            text: $"Hello {PersonalSlots.Marker(PersonalSlot.Name)},\n\n{LongLine}\n\nUnsubscribe: {PersonalSlots.Marker(PersonalSlot.UnsubscribeUrl)}\n"),
        [SampleEmail.Recipient("white-house-watch/2026-11-25/mime", to, "Zoë Ünal & \"Co\"")]);

    [Fact]
    public async Task The_outbox_writes_strict_seven_bit_mime()
    {
        var transport = new OutboxTransport(Options.Create(new DeliveryOptions { OutboxDirectory = _outbox }), _time, NullLogger<OutboxTransport>.Instance);

        await transport.SendAsync(Request("zoe@example.com"), TestContext.Current.CancellationToken);

        AssertStrict(await File.ReadAllBytesAsync(Path.Combine(_outbox, "white-house-watch", "2026-11-25", "mime.eml"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Smtp_sends_strict_seven_bit_mime_and_the_same_message_as_the_outbox()
    {
        var smtp = new SmtpTransport(Options.Create(new DeliveryOptions { SmtpHost = "127.0.0.1", SmtpPort = maildev.SmtpPort, SmtpSecurity = MailKit.Security.SecureSocketOptions.None }), _time, NullLogger<SmtpTransport>.Instance);
        var outbox = new OutboxTransport(Options.Create(new DeliveryOptions { OutboxDirectory = _outbox }), _time, NullLogger<OutboxTransport>.Instance);
        var to = $"zoe.{Guid.NewGuid():N}@example.com";

        var result = await smtp.SendAsync(Request(to), TestContext.Current.CancellationToken);
        await outbox.SendAsync(Request(to), TestContext.Current.CancellationToken);

        Assert.Equal((1, TransportOutcome.Done), (result.Handled, result.Outcome));
        var received = Encoding.ASCII.GetBytes(Assert.Single(await maildev.MessagesToAsync(to, TestContext.Current.CancellationToken)));
        AssertStrict(received);
        var written = await File.ReadAllBytesAsync(Path.Combine(_outbox, "white-house-watch", "2026-11-25", "mime.eml"), TestContext.Current.CancellationToken);
        AssertSameMessage(Parse(written), Parse(received));
    }

    /// <summary>Parses with MimeKit in strict mode and checks what a strict reader needs of every line and part.</summary>
    private static void AssertStrict(byte[] raw)
    {
        Assert.All(raw, b => Assert.True(b < 128, "a byte outside 7-bit ASCII"));
        var text = Encoding.ASCII.GetString(raw);
        Assert.DoesNotMatch("[^\r]\n", text); // every line ends in CRLF
        var lines = text.Split("\r\n");
        Assert.All(lines, line => Assert.True(line.Length <= 998, $"a line of {line.Length} octets"));
        var message = Parse(raw);
        var bodyStart = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.All(text[bodyStart..].Split("\r\n"), line => Assert.True(line.Length <= 78, $"a body line of {line.Length} characters: {line}"));
        var leaves = message.BodyParts.OfType<MimePart>().ToList();
        Assert.Equal(["text/plain", "text/html"], leaves.Select(p => p.ContentType.MimeType));
        Assert.All(leaves, part => Assert.True(part.Headers.Contains(HeaderId.ContentTransferEncoding), $"{part.ContentType.MimeType} declares no transfer encoding"));
        Assert.All(leaves, part => Assert.Contains(part.ContentTransferEncoding, new[] { ContentEncoding.QuotedPrintable, ContentEncoding.Base64, ContentEncoding.SevenBit }));
        Assert.StartsWith("White House Watch: Élysée talks — Zoë Ünal’s €4.2bn plan, 北京 responds 📰", message.Subject, StringComparison.Ordinal);
        Assert.Contains(LongLine, message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Hello Zoë Ünal &amp; &quot;Co&quot;,", message.HtmlBody, StringComparison.Ordinal);
        Assert.Equal("Zoë Ünal & \"Co\"", message.To.Mailboxes.Single().Name);
    }

    private static MimeMessage Parse(byte[] raw)
    {
        var strict = new ParserOptions
        {
            AddressParserComplianceMode = RfcComplianceMode.Strict,
            ParameterComplianceMode = RfcComplianceMode.Strict,
            Rfc2047ComplianceMode = RfcComplianceMode.Strict,
            AllowAddressesWithoutDomain = false,
        };
        using var stream = new MemoryStream(raw);
        return MimeMessage.Load(strict, stream);
    }

    private static void AssertSameMessage(MimeMessage outbox, MimeMessage smtp)
    {
        foreach (var header in new[] { "From", "To", "Subject", "Message-Id", "List-Unsubscribe", "List-Unsubscribe-Post", "List-Id" })
        {
            Assert.Equal(outbox.Headers[header], smtp.Headers[header]);
        }

        Assert.Equal(outbox.TextBody, smtp.TextBody);
        Assert.Equal(outbox.HtmlBody, smtp.HtmlBody);
    }

    public void Dispose() => Directory.Delete(_outbox, recursive: true);
}
