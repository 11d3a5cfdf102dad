namespace Herald.Delivery;

/// <summary>What one send batch did.</summary>
public sealed record BatchReport(int Sent, int AlreadySent, int NoLongerSubscribed);
