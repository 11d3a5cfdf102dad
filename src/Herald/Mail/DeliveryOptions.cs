using System.ComponentModel.DataAnnotations;
using MailKit.Security;

namespace Herald.Mail;

/// <summary>
/// The "Delivery" configuration section: how mail leaves Herald (the transport and its settings), and how editions are
/// cut into send batches and sent (batch size, attempts, time budget, claim lease).
/// </summary>
public sealed class DeliveryOptions
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


    /// <summary>Recipients per send batch (one queue message, one unit of scale-out); SendGrid takes up to 1,000 per request.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 1000;

    /// <summary>Subscriber partitions read at the same time while an edition fans out.</summary>
    [Range(1, 64)]
    public int FanOutParallelism { get; set; } = 8;

    /// <summary>Attempts of one request before its batch is parked (throttling, 5xx, a broken connection).</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>How long one batch may spend sending and waiting between attempts: inside the Functions time limit (host.json, 10 minutes).</summary>
    [Range(typeof(TimeSpan), "00:00:05", "00:09:00")]
    public TimeSpan SendBudget { get; set; } = TimeSpan.FromMinutes(7);

    /// <summary>
    /// How long a sender's claim on its next recipients holds without renewal. Longer than one request may take
    /// (Delivery:SendGridTimeout); when it lapses, the sender is taken to be gone and another takes over.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00")]
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(2);
}
