namespace Herald.Mail;

/// <summary>Hands emails to a delivery channel.</summary>
public interface IMailSender
{
    Task SendAsync(OutgoingEmail email, CancellationToken cancellationToken);
}
