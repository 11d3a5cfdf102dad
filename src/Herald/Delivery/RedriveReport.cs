namespace Herald.Delivery;

/// <summary>What a redrive did.</summary>
public sealed record RedriveReport(int Batches, int Recipients, int PoisonMessages);
