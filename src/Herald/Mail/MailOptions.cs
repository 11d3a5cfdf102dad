using System.ComponentModel.DataAnnotations;

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

    /// <summary>Public key (base64) of SendGrid's signed event webhook. Events are refused until it is set.</summary>
    public string? SendGridWebhookPublicKey { get; set; }
}
