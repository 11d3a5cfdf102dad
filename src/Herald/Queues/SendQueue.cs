using Herald.Storage;

namespace Herald.Queues;

public sealed class SendQueue(HeraldStorage storage) : JsonQueue<SendBatch>(storage, s => s.SendQueue);
