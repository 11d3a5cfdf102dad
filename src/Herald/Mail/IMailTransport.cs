namespace Herald.Mail;

/// <summary>A way mail leaves Herald: the outbox folder, SendGrid's API, or an SMTP server.</summary>
public interface IMailTransport
{
    /// <summary>"Outbox", "SendGrid", "Smtp": recorded with each delivery.</summary>
    string Name { get; }

    /// <summary>How many recipients one request may carry (SendGrid: 1,000 personalizations).</summary>
    int MaxRecipientsPerRequest { get; }

    /// <summary>Hands the request's recipients over. Expected failures are results, not exceptions.</summary>
    Task<TransportResult> SendAsync(MailRequest request, CancellationToken cancellationToken);
}
