using System.ComponentModel.DataAnnotations;

namespace Herald.Delivery;

/// <summary>How an edition is fanned out to its subscribers (the "Delivery" configuration section).</summary>
public sealed class DeliveryOptions
{
    public const string SectionName = "Delivery";

    /// <summary>Subscribers per send-batch queue message; each message is one unit of scale-out.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 100;
}
