using System.ComponentModel.DataAnnotations;
using MailKit.Security;

namespace Herald.Mail;

/// <summary>How mail leaves Herald: the transport and its settings (the "Delivery" configuration section).</summary>
public sealed class MailOptions
{
    public const string SectionName = "Delivery";

    public DeliveryMode Mode { get; set; } = DeliveryMode.Outbox;

    /// <summary>Outbox folder for <see cref="DeliveryMode.Outbox"/>; relative to the current directory.</summary>
    public string OutboxDirectory { get; set; } = ".herald/outbox";

    /// <summary>SendGrid API key for <see cref="DeliveryMode.SendGrid"/>. Never logged.</summary>
    public string? SendGridApiKey { get; set; }

    /// <summary>Overrides the SendGrid API host (contract tests point it at a local mock).</summary>
    [Url]
    public string? SendGridHost { get; set; }

    /// <summary>Gzip the request bodies (SendGrid enables this for high-volume accounts on request).</summary>
    public bool SendGridGzip { get; set; }

    /// <summary>SendGrid's sandbox mode: requests are validated and answered, nothing is delivered.</summary>
    public bool SendGridSandbox { get; set; }

    /// <summary>How long one mail/send request may take. Longer than any stall SendGrid has, shorter than a send's claim lease.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:02:00")]
    public TimeSpan SendGridTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Public key (base64) of SendGrid's signed event webhook; required in SendGrid mode.</summary>
    public string? SendGridWebhookPublicKey { get; set; }

    /// <summary>How old a signed webhook request's timestamp may be (either way): a captured request is useless after it.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan SendGridWebhookMaxAge { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>SMTP server for <see cref="DeliveryMode.Smtp"/>.</summary>
    public string SmtpHost { get; set; } = "";

    [Range(1, 65535)]
    public int SmtpPort { get; set; } = 587;

    /// <summary>None, Auto, SslOnConnect, StartTls or StartTlsWhenAvailable.</summary>
    public SecureSocketOptions SmtpSecurity { get; set; } = SecureSocketOptions.StartTls;

    public string? SmtpUsername { get; set; }

    /// <summary>Never logged.</summary>
    public string? SmtpPassword { get; set; }

    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan SmtpTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Messages sent over one SMTP connection (one send request).</summary>
    [Range(1, 1000)]
    public int SmtpMessagesPerConnection { get; set; } = 50;
}
