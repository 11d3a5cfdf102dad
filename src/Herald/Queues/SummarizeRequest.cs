namespace Herald.Queues;

/// <summary>Asks for one stored article to be summarized.</summary>
public sealed record SummarizeRequest(string ArticleId, string BlobName);
