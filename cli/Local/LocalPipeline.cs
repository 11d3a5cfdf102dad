using Herald.Collecting;
using Herald.Delivery;
using Herald.Local;
using Herald.Queues;
using Herald.Storage;
using Herald.Subscribers;
using Herald.Summarizing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Herald.Cli.Local;

/// <summary>What "herald run" did, stage by stage.</summary>
public sealed record PipelineReport(
    (int Added, int Known)? Subscribers,
    CollectReport Collect,
    DrainReport Summarize,
    IReadOnlyList<EditionReport> Editions,
    DrainReport Send,
    int EmailsSent,
    int EmailsAlreadySent)
{
    public bool Succeeded => Summarize.Failed == 0 && Send.Failed == 0 && Send.Parked == 0;
}

/// <summary>
/// The whole Herald job in one process, in the order the Functions app runs it: collect (timer), summarize
/// (queue), build digests (timer), send batches (queue). The queues are real; this class plays the triggers.
/// </summary>
public sealed class LocalPipeline(IHost host)
{
    private T Get<T>() where T : notnull => host.Services.GetRequiredService<T>();

    public async Task<PipelineReport> RunAsync(CancellationToken cancellationToken)
    {
        (int, int)? subscribers = null;
        var subscribersFile = Get<IConfiguration>()["Local:SubscribersFile"];
        if (!string.IsNullOrWhiteSpace(subscribersFile))
        {
            var path = Path.IsPathRooted(subscribersFile) ? subscribersFile : Path.Combine(Get<IHostEnvironment>().ContentRootPath, subscribersFile);
            subscribers = await SampleSubscribers.ImportAsync(Get<SubscriptionService>(), path, cancellationToken);
        }

        var collect = await Get<ArticleCollector>().CollectAsync(cancellationToken);
        var summarize = await SummarizeQueuedAsync(cancellationToken);
        var editions = await Get<EditionDispatcher>().DispatchAllAsync(cancellationToken);
        var (send, sent, skipped) = await SendQueuedAsync(cancellationToken);
        return new PipelineReport(subscribers, collect, summarize, editions, send, sent, skipped);
    }

    public Task<DrainReport> SummarizeQueuedAsync(CancellationToken cancellationToken)
    {
        var summarizing = Get<SummarizeRequestHandler>();
        return Get<QueueDrainer>().DrainAsync(
            Get<HeraldStorage>().SummarizeQueue,
            (body, ct) => summarizing.SummarizeAsync(SummarizeQueue.Parse(body), ct),
            cancellationToken);
    }

    /// <summary>Sends every queued batch as SendDigestBatch would, <paramref name="parallelism"/> at a time.</summary>
    public async Task<(DrainReport Report, int Sent, int AlreadySent)> SendQueuedAsync(CancellationToken cancellationToken, int parallelism = 1)
    {
        var sender = Get<BatchSender>();
        int sent = 0, skipped = 0, parked = 0;
        var report = await Get<QueueDrainer>().DrainAsync(
            Get<HeraldStorage>().SendQueue,
            async (body, ct) =>
            {
                var batch = await sender.SendAsync(SendQueue.Parse(body), ct);
                Interlocked.Add(ref sent, batch.Sent);
                Interlocked.Add(ref skipped, batch.AlreadySent);
                if (batch.Parked)
                {
                    Interlocked.Increment(ref parked);
                }
            },
            cancellationToken,
            parallelism);
        return (report with { Parked = parked }, sent, skipped);
    }
}
