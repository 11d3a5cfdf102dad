using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Herald.Mail;

/// <summary>
/// Sends through an SMTP server (MailKit): for operators without SendGrid, and locally with maildev or smtp4dev.
/// One connection per request, one message per recipient, exactly the message the outbox writes. A recipient the
/// server refuses is refused alone; a failure part-way reports how far the request got, so nobody before it is sent again.
/// </summary>
public sealed class SmtpTransport(IOptions<DeliveryOptions> options, TimeProvider time, ILogger<SmtpTransport> logger) : IMailTransport
{
    public string Name => "Smtp";

    public int MaxRecipientsPerRequest => options.Value.SmtpMessagesPerConnection;

    public async Task<TransportResult> SendAsync(MailRequest request, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var client = new SmtpClient { Timeout = (int)settings.SmtpTimeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(settings.SmtpHost, settings.SmtpPort, settings.SmtpSecurity, cancellationToken);
            if (!string.IsNullOrEmpty(settings.SmtpUsername))
            {
                await client.AuthenticateAsync(settings.SmtpUsername, settings.SmtpPassword ?? "", cancellationToken);
            }
        }
        catch (AuthenticationException ex)
        {
            return new TransportResult(0, TransportOutcome.Permanent, $"the SMTP server refused the credentials ({ex.Message})");
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or SmtpProtocolException or SmtpCommandException or SslHandshakeException or TimeoutException)
        {
            return new TransportResult(0, TransportOutcome.Transient, $"the SMTP server {settings.SmtpHost}:{settings.SmtpPort} could not be used ({ex.Message})");
        }

        var refused = new Dictionary<int, string>();
        var started = time.GetTimestamp();
        for (var i = 0; i < request.Recipients.Count; i++)
        {
            // A request stays within about twice the per-command timeout, so a sender's claim (three times it) outlives it.
            if (i > 0 && time.GetElapsedTime(started) > settings.SmtpTimeout)
            {
                await client.DisconnectAsync(quit: true, CancellationToken.None);
                return new TransportResult(i, TransportOutcome.Transient, "the request reached its time limit; the rest go in the next one", Refused: refused);
            }

            var message = MimeMessages.Build(request.Content, request.Recipients[i], time.GetUtcNow());
            try
            {
                await client.SendAsync(MimeMessages.Format, message, cancellationToken);
            }
            catch (SmtpCommandException ex) when (ex.ErrorCode is SmtpErrorCode.RecipientNotAccepted && (int)ex.StatusCode >= 500)
            {
                refused[i] = $"the SMTP server refused the address ({(int)ex.StatusCode} {ex.Message})";
            }
            catch (SmtpCommandException ex) when ((int)ex.StatusCode is >= 400 and < 500)
            {
                return new TransportResult(i, TransportOutcome.Transient, $"the SMTP server deferred the message ({(int)ex.StatusCode} {ex.Message})", Refused: refused);
            }
            catch (SmtpCommandException ex)
            {
                return new TransportResult(i, TransportOutcome.Permanent, $"the SMTP server refused the message ({(int)ex.StatusCode} {ex.Message})", Refused: refused);
            }
            catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or SmtpProtocolException or ServiceNotConnectedException or TimeoutException)
            {
                // The connection broke during this message: the server may have taken it or not.
                return new TransportResult(i, TransportOutcome.Unknown, $"the SMTP connection broke while sending ({ex.Message})", Refused: refused);
            }
        }

        await client.DisconnectAsync(quit: true, CancellationToken.None);
        logger.LogInformation("SMTP server took {Count} {Category} emails", request.Recipients.Count - refused.Count, request.Content.Category);
        return new TransportResult(request.Recipients.Count, TransportOutcome.Done, Refused: refused);
    }
}
