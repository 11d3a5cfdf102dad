using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace Herald.Functions.Tests.Infrastructure;

/// <summary>
/// The host's queue listener for one queue-triggered function, played against Azurite: the queue and connection are
/// the ones the worker's metadata names; the batch size, maxDequeueCount and message encoding come from the
/// published host.json.
/// Each received message is invoked; a success deletes it, a failure leaves it to become visible again (its
/// DequeueCount goes up on the next receive) and the attempt that reaches maxDequeueCount moves it to
/// "{queue}-poison", as the Storage Queues extension's QueueProcessor does.
/// </summary>
public sealed class QueueTriggerListener
{
    private readonly IFunctionsHost _worker;
    private readonly string _function;

    public QueueTriggerListener(IFunctionsHost worker, PublishedApp app, string function)
    {
        _worker = worker;
        _function = function;
        var trigger = worker.Functions.Single(f => f.Name == function).Trigger;
        var connection = trigger["connection"]?.GetValue<string>() ?? "AzureWebJobsStorage";
        var connectionString = worker.Settings.GetValueOrDefault(connection) ?? throw new InvalidOperationException($"{function}'s trigger names the connection '{connection}', which is not an app setting.");
        var queueName = trigger["queueName"]!.GetValue<string>();
        var queues = JsonNode.Parse(File.ReadAllText(Path.Combine(app.Directory, "host.json")))!["extensions"]?["queues"];

        // The extension decodes message bodies as host.json's messageEncoding says: base64 unless "none".
        var encoding = string.Equals(queues?["messageEncoding"]?.GetValue<string>(), "none", StringComparison.OrdinalIgnoreCase) ? QueueMessageEncoding.None : QueueMessageEncoding.Base64;
        var options = new QueueClientOptions { MessageEncoding = encoding };
        Queue = new QueueClient(connectionString, queueName, options);
        Poison = new QueueClient(connectionString, queueName + "-poison", options);
        MaxDequeueCount = queues?["maxDequeueCount"]?.GetValue<int>() ?? 5;
        BatchSize = queues?["batchSize"]?.GetValue<int>() ?? 16;
    }

    public QueueClient Queue { get; }

    public QueueClient Poison { get; }

    public int MaxDequeueCount { get; }

    public int BatchSize { get; }

    /// <summary>
    /// Receives and invokes until the queue is empty. A failed message is made visible again after
    /// <paramref name="retryDelay"/> (the host waits host.json's visibilityTimeout, 30 seconds; tests need not).
    /// </summary>
    public async Task<IReadOnlyList<QueueDelivery>> DrainAsync(CancellationToken cancellationToken, TimeSpan? retryDelay = null)
    {
        var deliveries = new List<QueueDelivery>();
        var delay = retryDelay ?? TimeSpan.FromSeconds(1);
        // A failure guard only: each pass either invokes something or waits out a retry delay.
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromMinutes(5) + (delay * MaxDequeueCount);
        if (!(await Queue.ExistsAsync(cancellationToken)).Value)
        {
            return deliveries;
        }

        while (true)
        {
            // Visibility while in hand: longer than any invocation here, as the host's renewed lease is.
            QueueMessage[] messages = await Queue.ReceiveMessagesAsync(BatchSize, TimeSpan.FromMinutes(5), cancellationToken);
            if (messages.Length == 0)
            {
                if ((await Queue.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount == 0)
                {
                    return deliveries;
                }

                if (DateTimeOffset.UtcNow > deadline)
                {
                    throw new TimeoutException($"{Queue.Name} still holds messages that never became visible.");
                }

                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken); // waiting out a retry's invisibility
                continue;
            }

            // The host runs a batch's messages at once.
            deliveries.AddRange(await Task.WhenAll(messages.Select(message => DeliverAsync(message, delay, cancellationToken))));
        }
    }

    private async Task<QueueDelivery> DeliverAsync(QueueMessage message, TimeSpan retryDelay, CancellationToken cancellationToken)
    {
        var invocation = await _worker.InvokeQueueMessageAsync(_function, message, cancellationToken);
        if (invocation.Succeeded)
        {
            await Queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
            return new QueueDelivery(message.MessageId, message.DequeueCount, message.Body.ToString(), invocation, false);
        }

        if (message.DequeueCount >= MaxDequeueCount)
        {
            await Poison.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            await Poison.SendMessageAsync(message.Body, cancellationToken: cancellationToken);
            await Queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
            return new QueueDelivery(message.MessageId, message.DequeueCount, message.Body.ToString(), invocation, true);
        }

        await Queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: retryDelay, cancellationToken: cancellationToken);
        return new QueueDelivery(message.MessageId, message.DequeueCount, message.Body.ToString(), invocation, false);
    }
}
