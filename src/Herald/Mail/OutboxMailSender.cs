using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Herald.Mail;

/// <summary>
/// Local delivery: each email becomes "{outbox}/{key}.eml" plus an ".html" copy to open in a browser.
/// Files are written to a temporary name and moved into place, so a crash never leaves half an email,
/// and a retry overwrites the same file instead of adding a second one.
/// </summary>
public sealed class OutboxMailSender(IOptions<MailOptions> options, TimeProvider time, ILogger<OutboxMailSender> logger) : IMailSender
{
    public string Directory => Path.GetFullPath(options.Value.OutboxDirectory);

    public async Task SendAsync(OutgoingEmail email, CancellationToken cancellationToken)
    {
        var stem = Path.GetFullPath(Path.Combine(Directory, email.Key));
        if (!stem.StartsWith(Directory + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new PermanentDeliveryException($"Email key '{email.Key}' points outside the outbox.");
        }

        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(stem)!);
        var message = MimeMessages.Build(email, time.GetUtcNow());
        await WriteAtomicallyAsync(stem + ".eml", stream => message.WriteToAsync(stream, cancellationToken));
        await WriteAtomicallyAsync(stem + ".html", stream => stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(email.Html), cancellationToken).AsTask());
        logger.LogInformation("Wrote {Category} email for {Recipient} to the outbox as {Key}", email.Category, EmailAddresses.Mask(email.To), email.Key);
    }

    private static async Task WriteAtomicallyAsync(string path, Func<Stream, Task> write)
    {
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await using (var stream = File.Create(temporary))
        {
            await write(stream);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
