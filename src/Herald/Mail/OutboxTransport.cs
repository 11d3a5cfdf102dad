using Herald.Templates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Herald.Mail;

/// <summary>
/// Local delivery: each recipient's email becomes "{outbox}/{key}.eml" plus an ".html" copy to open in a browser.
/// Files are written to a temporary name and moved into place, so a crash never leaves half an email, and sending
/// the same key again replaces the file instead of adding a second one.
/// </summary>
public sealed class OutboxTransport(IOptions<DeliveryOptions> options, TimeProvider time, ILogger<OutboxTransport> logger) : IMailTransport
{
    public string Name => "Outbox";

    public int MaxRecipientsPerRequest => 1000;

    public string Directory => Path.GetFullPath(options.Value.OutboxDirectory);

    public async Task<TransportResult> SendAsync(MailRequest request, CancellationToken cancellationToken)
    {
        var refused = new Dictionary<int, string>();
        for (var i = 0; i < request.Recipients.Count; i++)
        {
            var recipient = request.Recipients[i];
            var stem = Path.GetFullPath(Path.Combine(Directory, recipient.Key));
            if (!stem.StartsWith(Directory + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                refused[i] = $"email key '{recipient.Key}' points outside the outbox";
                continue;
            }

            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(stem)!);
            var message = MimeMessages.Build(request.Content, recipient, time.GetUtcNow());
            await WriteAtomicallyAsync(stem + ".eml", stream => message.WriteToAsync(MimeMessages.Format, stream, cancellationToken));
            await WriteAtomicallyAsync(stem + ".html", stream => stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(PersonalSlots.Fill(request.Content.Html, recipient.Values, html: true)), cancellationToken).AsTask());
        }

        logger.LogInformation("Wrote {Count} {Category} emails to the outbox", request.Recipients.Count - refused.Count, request.Content.Category);
        return new TransportResult(request.Recipients.Count, TransportOutcome.Done, Refused: refused);
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
