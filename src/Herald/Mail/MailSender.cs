namespace Herald.Mail;

/// <summary>Sends single emails (confirmations, replies, tests) through the configured transport as one-recipient requests.</summary>
public sealed class MailSender(IMailTransport transport) : IMailSender
{
    public async Task SendAsync(MailContent content, MailRecipient recipient, CancellationToken cancellationToken)
    {
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
