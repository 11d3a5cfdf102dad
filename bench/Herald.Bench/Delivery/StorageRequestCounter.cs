using System.Diagnostics.Tracing;
using Azure.Core.Diagnostics;

namespace Herald.Bench.Delivery;

/// <summary>Counts the storage requests Herald makes (every HTTP request of an Azure SDK client), from the SDK's own event source.</summary>
public sealed class StorageRequestCounter : IDisposable
{
    private readonly AzureEventSourceListener _listener;
    private long _requests;

    public StorageRequestCounter() =>
        _listener = new AzureEventSourceListener(
            (e, _) =>
            {
                if (e.EventSource.Name == "Azure-Core" && e.EventName == "Request")
                {
                    Interlocked.Increment(ref _requests);
                }
            },
            EventLevel.Informational);

    public long Requests => Interlocked.Read(ref _requests);

    public long Take() => Interlocked.Exchange(ref _requests, 0);

    public void Dispose() => _listener.Dispose();
}
