namespace Herald.Privacy;

/// <summary>What erasing a reader's data removed; the hashed suppression entry, if any, stays.</summary>
public sealed record ErasureReport(bool Subscriber, int ConsentRecords, int DeliveryRecords, int OutboxFiles, bool SuppressionKept);
