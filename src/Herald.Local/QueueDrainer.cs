using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Azure.Storage.Queues.Specialized;
using Microsoft.Extensions.Logging;

namespace Herald.Local;

/// <summary>
/// Plays the Functions queue trigger locally: receive, run the same handler, delete on success. A failing
/// message becomes visible again for a later attempt and, after <see cref="MaxDequeueCount"/> attempts, moves to
/// "{queue}-poison", as the host does (host.json maxDequeueCount).
/// </summary>
public sealed class QueueDrainer(ILogger<QueueDrainer> logger)
{
    public const int MaxDequeueCount = 5;

    public async Task<DrainReport> DrainAsync(QueueClient queue, Func<string, CancellationToken, Task> handle, CancellationToken cancellationToken)
    {
        int processed = 0, failed = 0, poisoned = 0;
        while (true)
        {
            QueueMessage[] messages = await queue.ReceiveMessagesAsync(maxMessages: 32, visibilityTimeout: TimeSpan.FromSeconds(30), cancellationToken);
            if (messages.Length == 0)
            {
                var waiting = (await queue.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;
                if (waiting == 0)
                {
                    return new DrainReport(processed, failed, poisoned);
                }

                // Only messages waiting out a retry delay are left.
                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
                continue;
            }

            foreach (var message in messages)
            {
                try
                {
                    await handle(message.Body.ToString(), cancellationToken);
                    await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
                    processed++;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    failed++;
                    logger.LogError("Message {MessageId} on {Queue} failed (attempt {Attempt}): {Error}", message.MessageId, queue.Name, message.DequeueCount, ex.Message);
                    if (message.DequeueCount >= MaxDequeueCount)
                    {
                        await MoveToPoisonAsync(queue, message, cancellationToken);
                        poisoned++;
                    }
                    else
                    {
                        // Visible again a second later and retried, as the host would after its visibility timeout.
                        await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.FromSeconds(1), cancellationToken: cancellationToken);
                    }
                }
            }
        }
    }

    private static async Task MoveToPoisonAsync(QueueClient queue, QueueMessage message, CancellationToken cancellationToken)
    {
        var poison = queue.GetParentQueueServiceClient().GetQueueClient(queue.Name + "-poison");
        await poison.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await poison.SendMessageAsync(message.Body, cancellationToken: cancellationToken);
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
    }
}
