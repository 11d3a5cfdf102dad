namespace Herald.Subscribers;

/// <summary>A verified token's content. <see cref="Nonce"/> binds a confirm token to the one request it was sent for.</summary>
public sealed record SubscriberToken(TokenPurpose Purpose, string NewsletterId, string SubscriberId, uint Nonce = 0);
