using Herald.Queues;
using Herald.Storage;
using Herald.Summarizing;
using Microsoft.Azure.Functions.Worker;

namespace Herald.Functions.Queues;

/// <summary>Summarizes one new article. A re-delivered message finds the summary stored and does nothing.</summary>
public sealed class SummarizeArticle(SummarizeRequestHandler summarizing)
{
    [Function(nameof(SummarizeArticle))]
    public Task<SummarizeOutcome> Run([QueueTrigger(StorageNames.SummarizeQueue, Connection = "HeraldStorage")] string message, CancellationToken cancellationToken) =>
        summarizing.SummarizeAsync(SummarizeQueue.Parse(message), cancellationToken);
}
