using Herald.Storage;

namespace Herald.Delivery;

/// <summary>One unit of sending: an edition and up to Delivery:BatchSize of its subscribers.</summary>
public sealed record SendBatch(string NewsletterId, DateOnly Date, string EditionId, IReadOnlyList<string> SubscriberIds);

public sealed class SendQueue(HeraldStorage storage) : JsonQueue<SendBatch>(storage, s => s.SendQueue);
