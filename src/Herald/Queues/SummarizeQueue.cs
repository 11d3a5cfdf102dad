using Herald.Storage;

namespace Herald.Queues;

public sealed class SummarizeQueue(HeraldStorage storage) : JsonQueue<SummarizeRequest>(storage, s => s.SummarizeQueue);
