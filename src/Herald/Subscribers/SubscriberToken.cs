namespace Herald.Subscribers;

/// <summary>A verified token's content.</summary>
public sealed record SubscriberToken(TokenPurpose Purpose, string NewsletterId, string SubscriberId);
