namespace Herald.Delivery;

/// <summary>What an edition's fan-out came to.</summary>
public sealed record FanOutReport(int Recipients, int Batches, bool Complete);
