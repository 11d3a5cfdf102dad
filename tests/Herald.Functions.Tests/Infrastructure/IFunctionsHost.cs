using Azure.Storage.Queues.Models;

namespace Herald.Functions.Tests.Infrastructure;

/// <summary>
/// The Functions host's side of a running worker, as the tests drive it: the handshake's results, and one call per
/// kind of trigger, each building the InvocationRequest the real extension would. The implementation
/// (<c>WorkerHost</c>) is generated from the shared protocol; <see cref="FunctionsHost"/> starts it or skips.
/// </summary>
public interface IFunctionsHost : IAsyncDisposable
{
    int ProcessId { get; }

    WorkerInit Init { get; }

    IReadOnlyList<IndexedFunction> Functions { get; }

    /// <summary>The app settings the worker was started with (its environment, less the host's own variables).</summary>
    IReadOnlyDictionary<string, string?> Settings { get; }

    IReadOnlyList<WorkerLog> Logs { get; }

    /// <summary>A timer's tick: the TimerInfo the timer extension sends, for the function's own schedule.</summary>
    Task<Invocation> InvokeTimerAsync(string functionName, CancellationToken cancellationToken, bool isPastDue = false);

    /// <summary>A message the host's queue listener received: its text as the data, its properties as trigger metadata.</summary>
    Task<Invocation> InvokeQueueMessageAsync(string functionName, QueueMessage message, CancellationToken cancellationToken);

    /// <summary>A request proxied to the worker's HttpUri with x-ms-invocation-id, alongside its InvocationRequest.</summary>
    Task<HttpInvocation> InvokeHttpAsync(string functionName, HttpRequestMessage request, CancellationToken cancellationToken);
}
