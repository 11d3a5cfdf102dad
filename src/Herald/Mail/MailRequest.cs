namespace Herald.Mail;

/// <summary>One hand-over to a transport: shared content and up to <see cref="IMailTransport.MaxRecipientsPerRequest"/> recipients.</summary>
public sealed record MailRequest(MailContent Content, IReadOnlyList<MailRecipient> Recipients);
