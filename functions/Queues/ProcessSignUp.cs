using Herald.Queues;
using Herald.Storage;
using Herald.Subscribers;
using Microsoft.Azure.Functions.Worker;

namespace Herald.Functions.Queues;

/// <summary>Processes a queued sign-up: stores the pending subscriber and sends the confirmation (or nothing, for an active one).</summary>
public sealed class ProcessSignUp(SignUpService signUps)
{
    [Function(nameof(ProcessSignUp))]
    public Task<SubscribeOutcome> Run([QueueTrigger(StorageNames.SignUpQueue, Connection = "HeraldStorage")] string message, CancellationToken cancellationToken) =>
        signUps.RequestAsync(SignUpQueue.Parse(message), cancellationToken);
}
