namespace Herald.Mail;

public enum DeliveryMode
{
    /// <summary>Write each email as an .eml file (and an .html copy) into a local folder.</summary>
    Outbox,

    /// <summary>Send through the SendGrid v3 Mail Send API.</summary>
    SendGrid,

    /// <summary>Send through an SMTP server.</summary>
    Smtp,
}
