using Herald.Mail;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace Herald.Tests.Mail;

/// <summary>The local transport: one .eml (and an .html copy) per email key, written whole, rewritten on a retry.</summary>
public sealed class OutboxMailSenderTests : IDisposable
{
    private readonly string _outbox = Directory.CreateTempSubdirectory("herald-outbox-").FullName;

    private OutboxMailSender Sender() => new(Options.Create(new MailOptions { OutboxDirectory = _outbox }), new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 11, 0, 0, TimeSpan.Zero)), NullLogger<OutboxMailSender>.Instance);

    [Fact]
    public async Task An_email_becomes_an_eml_and_an_html_copy_under_its_key()
    {
        await Sender().SendAsync(SampleEmail.Digest(), TestContext.Current.CancellationToken);

        var eml = Path.Combine(_outbox, "white-house-watch", "2026-11-25", "abc.eml");
        using var message = await MimeMessage.LoadAsync(eml, TestContext.Current.CancellationToken);
        Assert.Equal("reader@example.com", message.To.Mailboxes.Single().Address);
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
        Assert.Equal("<p>Senate passes stopgap</p>", await File.ReadAllTextAsync(Path.ChangeExtension(eml, ".html"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Sending_the_same_key_again_leaves_one_file_and_no_temporary_ones()
    {
        await Sender().SendAsync(SampleEmail.Digest(), TestContext.Current.CancellationToken);
        await Sender().SendAsync(SampleEmail.Digest(), TestContext.Current.CancellationToken);

        Assert.Equal(["abc.eml", "abc.html"], Directory.GetFiles(Path.Combine(_outbox, "white-house-watch", "2026-11-25")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("/etc/passwd")]
    public async Task A_key_pointing_outside_the_outbox_is_refused(string key)
    {
        await Assert.ThrowsAsync<PermanentDeliveryException>(() => Sender().SendAsync(SampleEmail.Digest(key), TestContext.Current.CancellationToken));
    }

    public void Dispose() => Directory.Delete(_outbox, recursive: true);
}
