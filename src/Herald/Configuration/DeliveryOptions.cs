using System.ComponentModel.DataAnnotations;

namespace Herald.Configuration;

public enum DeliveryMode
{
    /// <summary>Write each email as an .eml file (and an .html copy) into a local folder.</summary>
    Outbox,

    /// <summary>Send through the SendGrid v3 Mail Send API.</summary>
    SendGrid,
}

/// <summary>The "Delivery" configuration section.</summary>
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

    /// <summary>Subscribers per send-batch queue message; each message is one unit of scale-out.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 100;

    /// <summary>Public key (base64) of SendGrid's signed event webhook. Events are refused until it is set.</summary>
    public string? SendGridWebhookPublicKey { get; set; }
}
