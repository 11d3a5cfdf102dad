using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Azure.Storage.Queues.Specialized;
using Herald.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Herald.Local;

/// <summary>
/// Plays the Functions queue trigger in process: receive, run the same handler, delete on success, with up to
/// <c>parallelism</c> messages in hand at once and each one's visibility renewed while it is handled (as the host
/// does). A failing message becomes visible again for a later attempt and, after <see cref="MaxDequeueCount"/>
/// attempts, moves to "{queue}-poison" (host.json maxDequeueCount). Draining ends when the queue is empty and no
/// message is in hand; messages queued with a delay (a retry, a throttle) are waited for, up to
/// <see cref="MaxWait"/> with nothing to do: a reader-morning batch queued for hours later is left for its time.
/// </summary>
public sealed class QueueDrainer(IOptions<LocalOptions> options, ILogger<QueueDrainer> logger)
{
    public const int MaxDequeueCount = 5;

    /// <summary>How long a received message stays hidden between renewals (Local:QueueVisibility; tests shorten it).</summary>
    public TimeSpan Visibility => options.Value.QueueVisibility;

    /// <summary>How long a drain with nothing visible waits for hidden messages before it stops (Local:MaxQueueWait).</summary>
    public TimeSpan MaxWait => options.Value.MaxQueueWait;

    /// <param name="receiveBatch">
    /// Messages a worker takes per receive and handles one after another: more for quick handlers (sign-ups), since
    /// each receive costs Azurite a scan of the queue; 1 for slow ones, whose messages must not wait in hand.
    /// </param>
    public async Task<DrainReport> DrainAsync(QueueClient queue, Func<string, CancellationToken, Task> handle, CancellationToken cancellationToken, int parallelism = 1, int receiveBatch = 1)
    {
        int processed = 0, failed = 0, poisoned = 0, busy = 0, waiting = 0;
        var lastWork = Environment.TickCount64;
        await Task.WhenAll(Enumerable.Range(0, Math.Max(1, parallelism)).Select(_ => WorkAsync()));
        return new DrainReport(processed, failed, poisoned) { Waiting = waiting };

        async Task WorkAsync()
        {
            while (true)
            {
                QueueMessage[] messages = await queue.ReceiveMessagesAsync(maxMessages: Math.Clamp(receiveBatch, 1, 32), visibilityTimeout: Visibility, cancellationToken);
                if (messages.Length == 0)
                {
                    if (Volatile.Read(ref busy) == 0)
                    {
                        var left = (await queue.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;
                        if (left == 0 || Environment.TickCount64 - Volatile.Read(ref lastWork) > MaxWait.TotalMilliseconds)
                        {
                            Volatile.Write(ref waiting, left);
                            return;
                        }
                    }

                    // Messages waiting out a retry delay, or in another worker's hands.
                    await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
                    continue;
                }

                Interlocked.Increment(ref busy);
                Volatile.Write(ref lastWork, Environment.TickCount64);
                try
                {
                    foreach (var message in messages)
                    {
                        switch (await HandleAsync(queue, message, handle, cancellationToken))
                        {
                            case true:
                                Interlocked.Increment(ref processed);
                                break;
                            case false:
                                Interlocked.Increment(ref failed);
                                break;
                            default:
                                Interlocked.Increment(ref failed);
                                Interlocked.Increment(ref poisoned);
                                break;
                        }
                    }
                }
                finally
                {
                    Volatile.Write(ref lastWork, Environment.TickCount64);
                    Interlocked.Decrement(ref busy);
                }
            }
        }
    }

    /// <summary>True when handled, false when it failed and will be retried, null when it failed for the last time and was moved to the poison queue.</summary>
    private async Task<bool?> HandleAsync(QueueClient queue, QueueMessage message, Func<string, CancellationToken, Task> handle, CancellationToken cancellationToken)
    {
        var receipt = message.PopReceipt;
        using var handled = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var keepAlive = Task.Run(async () =>
        {
            while (!handled.IsCancellationRequested)
            {
                await Task.Delay(Visibility / 3, handled.Token);
                receipt = (await queue.UpdateMessageAsync(message.MessageId, receipt, visibilityTimeout: Visibility, cancellationToken: handled.Token)).Value.PopReceipt;
            }
        }, CancellationToken.None);

        Exception? failure = null;
        try
        {
            await handle(message.Body.ToString(), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            failure = ex;
        }

        await handled.CancelAsync();
        try
        {
            await keepAlive;
        }
        catch (Exception ex) when (ex is OperationCanceledException or RequestFailedException)
        {
            // Renewal ends with the handling.
        }

        if (failure is null)
        {
            await queue.DeleteMessageAsync(message.MessageId, receipt, cancellationToken);
            return true;
        }

        logger.LogError("Message {MessageId} on {Queue} failed (attempt {Attempt}): {Error}", message.MessageId, queue.Name, message.DequeueCount, failure.Message);
        if (message.DequeueCount >= MaxDequeueCount)
        {
            var poison = queue.GetParentQueueServiceClient().GetQueueClient(queue.Name + StorageNames.PoisonSuffix);
            await poison.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            await poison.SendMessageAsync(message.Body, cancellationToken: cancellationToken);
            await queue.DeleteMessageAsync(message.MessageId, receipt, cancellationToken);
            return null;
        }

        // Visible again a second later and retried, as the host would after its visibility timeout.
        await queue.UpdateMessageAsync(message.MessageId, receipt, visibilityTimeout: TimeSpan.FromSeconds(1), cancellationToken: cancellationToken);
        return false;
    }
}
