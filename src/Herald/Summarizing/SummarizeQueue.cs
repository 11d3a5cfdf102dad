using Herald.Storage;

namespace Herald.Summarizing;

/// <summary>Asks for one stored article to be summarized.</summary>
public sealed record SummarizeRequest(string ArticleId, string BlobName);

public sealed class SummarizeQueue(HeraldStorage storage) : JsonQueue<SummarizeRequest>(storage, s => s.SummarizeQueue);
