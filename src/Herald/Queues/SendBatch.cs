namespace Herald.Queues;

/// <summary>One unit of sending: an edition and up to Delivery:BatchSize of its subscribers.</summary>
public sealed record SendBatch(string NewsletterId, DateOnly Date, string EditionId, IReadOnlyList<string> SubscriberIds);
