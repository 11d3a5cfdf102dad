namespace Herald.Mail;

/// <summary>Hands a single email (a confirmation, a reply, a test) to the configured transport.</summary>
public interface IMailSender
{
    /// <summary>Sends <paramref name="content"/> to <paramref name="recipient"/>; a refusal or a failure is an exception the caller sees.</summary>
    Task SendAsync(MailContent content, MailRecipient recipient, CancellationToken cancellationToken);
}
