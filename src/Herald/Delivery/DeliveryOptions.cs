using System.ComponentModel.DataAnnotations;

namespace Herald.Delivery;

/// <summary>How editions fan out to subscribers and how batches are sent (the "Delivery" configuration section).</summary>
public sealed class DeliveryOptions
{
    public const string SectionName = "Delivery";

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
