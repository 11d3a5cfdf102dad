using Herald.Collecting;
using Microsoft.Azure.Functions.Worker;

namespace Herald.Functions.Timers;

/// <summary>Reads every source on the %CollectSchedule% timer and queues the new articles for summarizing.</summary>
public sealed class CollectArticles(ArticleCollector collector)
{
    [Function(nameof(CollectArticles))]
    public async Task Run([TimerTrigger("%CollectSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        await collector.CollectAsync(cancellationToken);
}
