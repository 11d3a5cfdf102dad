using Herald.Collecting;
using Herald.Delivery;
using Herald.Editions;
using Herald.Queues;
using Herald.Storage;
using Herald.Subscribers;
using Herald.Summarizing;
using Herald.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Herald.Local;

/// <summary>
/// The whole Herald job in one process, in the order the Functions app runs it: collect (timer), summarize
/// (queue), build digests (timer), send batches (queue). The queues are real; this class plays the triggers.
/// </summary>
public sealed class LocalPipeline(IHost host)
{
    private T Get<T>() where T : notnull => host.Services.GetRequiredService<T>();

    /// <param name="progress">Told how far each stage has got (collecting per source, summarizing per article, sending per batch).</param>
    public async Task<PipelineReport> RunAsync(CancellationToken cancellationToken, IProgress<StepProgress>? progress = null)
    {
        (int, int)? subscribers = null;
        var subscribersFile = Get<IOptions<LocalOptions>>().Value.SubscribersFile;
        if (!string.IsNullOrWhiteSpace(subscribersFile))
        {
            var path = Path.IsPathRooted(subscribersFile) ? subscribersFile : Path.Combine(Get<IHostEnvironment>().ContentRootPath, subscribersFile);
            subscribers = await SampleSubscribers.ImportAsync(Get<SubscriberImports>(), path, cancellationToken);
        }

        var collect = await Get<ArticleCollector>().CollectAsync(cancellationToken, progress);
        var summarize = await SummarizeQueuedAsync(cancellationToken, progress);
        var editions = await Get<EditionDispatcher>().DispatchAllAsync(cancellationToken);
        progress?.Report(new StepProgress("editions", editions.Count, editions.Count, Produced: editions.Sum(e => e.Recipients)));
        var (send, sent, skipped) = await SendQueuedAsync(cancellationToken, progress: progress);
        return new PipelineReport(subscribers, collect, summarize, editions, send, sent, skipped) { SubscribersFile = subscribersFile };
    }

    public async Task<DrainReport> SummarizeQueuedAsync(CancellationToken cancellationToken, IProgress<StepProgress>? progress = null)
    {
        var summarizing = Get<SummarizeRequestHandler>();
        var queue = Get<HeraldStorage>().SummarizeQueue;
        var total = progress is null ? 0 : await QueuedAsync(queue, cancellationToken);
        var done = 0;
        return await Get<QueueDrainer>().DrainAsync(
            queue,
            async (body, ct) =>
            {
                await summarizing.SummarizeAsync(SummarizeQueue.Parse(body), ct);
                var count = Interlocked.Increment(ref done);
                progress?.Report(new StepProgress("summarize", count, Math.Max(total, count)));
            },
            cancellationToken);
    }

    /// <summary>About how many messages wait on a queue (for a progress total; the drain itself goes by what it receives).</summary>
    private static async Task<int> QueuedAsync(Azure.Storage.Queues.QueueClient queue, CancellationToken cancellationToken) =>
        (await queue.ExistsAsync(cancellationToken)).Value ? (await queue.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount : 0;

    /// <summary>Sends every queued batch as SendDigestBatch would, <paramref name="parallelism"/> at a time.</summary>
    public async Task<(DrainReport Report, int Sent, int AlreadySent)> SendQueuedAsync(CancellationToken cancellationToken, int parallelism = 1, IProgress<StepProgress>? progress = null)
    {
        var sender = Get<BatchSender>();
        var queue = Get<HeraldStorage>().SendQueue;
        var total = progress is null ? 0 : await QueuedAsync(queue, cancellationToken);
        int sent = 0, skipped = 0, parked = 0, done = 0;
        var report = await Get<QueueDrainer>().DrainAsync(
            queue,
            async (body, ct) =>
            {
                var batch = await sender.SendAsync(SendQueue.Parse(body), ct);
                Interlocked.Add(ref sent, batch.Sent);
                Interlocked.Add(ref skipped, batch.AlreadySent);
                if (batch.Parked)
                {
                    Interlocked.Increment(ref parked);
                }

                var count = Interlocked.Increment(ref done);
                progress?.Report(new StepProgress("send", count, Math.Max(total, count), Produced: Volatile.Read(ref sent)));
            },
            cancellationToken,
            parallelism);
        return (report with { Parked = parked }, sent, skipped);
    }
}
