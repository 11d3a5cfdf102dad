using Herald.Mail;
using Herald.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace Herald.UnitTests.Mail;

/// <summary>The local transport: one .eml (and an .html copy) per email key, written whole, rewritten on a retry.</summary>
public sealed class OutboxTransportTests : IDisposable
{
    private readonly string _outbox = Directory.CreateTempSubdirectory("herald-outbox-").FullName;

    private OutboxTransport Transport() => new(Options.Create(new DeliveryOptions { OutboxDirectory = _outbox }), new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 11, 0, 0, TimeSpan.Zero)), NullLogger<OutboxTransport>.Instance);

    [Fact]
    public async Task An_email_becomes_an_eml_and_an_html_copy_under_its_key()
    {
        var result = await Transport().SendAsync(SampleEmail.Request(), TestContext.Current.CancellationToken);

        Assert.Equal((1, TransportOutcome.Done), (result.Handled, result.Outcome));
        var eml = Path.Combine(_outbox, "white-house-watch", "2026-11-25", "abc.eml");
        using var message = await MimeMessage.LoadAsync(eml, TestContext.Current.CancellationToken);
        Assert.Equal("reader@example.com", message.To.Mailboxes.Single().Address);
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
        Assert.Equal("<https://herald.example/api/unsubscribe?token=T>", message.Headers["List-Unsubscribe"]);
        Assert.Equal("<p>Senate passes stopgap</p>", await File.ReadAllTextAsync(Path.ChangeExtension(eml, ".html"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Sending_the_same_key_again_leaves_one_file_and_no_temporary_ones()
    {
        await Transport().SendAsync(SampleEmail.Request(), TestContext.Current.CancellationToken);
        await Transport().SendAsync(SampleEmail.Request(), TestContext.Current.CancellationToken);

        Assert.Equal(["abc.eml", "abc.html"], Directory.GetFiles(Path.Combine(_outbox, "white-house-watch", "2026-11-25")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("/etc/passwd")]
    public async Task A_key_pointing_outside_the_outbox_is_refused_and_the_others_still_go(string key)
    {
        var result = await Transport().SendAsync(SampleEmail.Request(SampleEmail.Recipient(key), SampleEmail.Recipient()), TestContext.Current.CancellationToken);

        Assert.Equal([0], result.RefusedRecipients.Keys);
        Assert.True(File.Exists(Path.Combine(_outbox, "white-house-watch", "2026-11-25", "abc.eml")));
        Assert.False(File.Exists(Path.GetFullPath(Path.Combine(_outbox, key + ".eml"))));
    }

    public void Dispose() => Directory.Delete(_outbox, recursive: true);
}
