using Herald.Queues;
using Herald.Storage;
using Microsoft.Extensions.Logging;

namespace Herald.Delivery;

/// <summary>What a redrive did.</summary>
public sealed record RedriveReport(int Batches, int Recipients, int PoisonMessages);
