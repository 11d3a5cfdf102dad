namespace Herald.Mail;

/// <summary>Sends single emails (confirmations, tests) through the configured transport; a failure is an exception the caller sees.</summary>
public sealed class MailSender(IMailTransport transport) : IMailSender
{
    public async Task SendAsync(OutgoingEmail email, CancellationToken cancellationToken)
    {
        var (content, recipient) = MimeMessages.Split(email);
        var result = await transport.SendAsync(new MailRequest(content, [recipient]), cancellationToken);
        if (result.RefusedRecipients.Count > 0 || result.Outcome is TransportOutcome.RecipientsRefused or TransportOutcome.Permanent)
        {
            throw new PermanentDeliveryException(result.RefusedRecipients.Values.FirstOrDefault() ?? result.Reason ?? "refused");
        }

        if (result.Handled < 1)
        {
            throw new TransientDeliveryException(result.Reason ?? "not sent");
        }
    }
}
