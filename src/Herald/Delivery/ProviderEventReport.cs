namespace Herald.Delivery;

/// <summary>What one webhook request's events did.</summary>
public sealed record ProviderEventReport(int Events, int New, int Duplicates, int Ignored, int Suppressed, int Unsubscribed);
