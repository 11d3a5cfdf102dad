namespace Herald.Functions.Tests.Infrastructure;

/// <summary>
/// The host's RetryProxyHandler (WebJobs.Script.Grpc): a request the worker's server refuses - it may still be
/// starting - is tried again up to ten times, 50 ms apart at first, doubling to 250 ms.
/// </summary>
public sealed class RetryProxyHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private const int MaxRetries = 10;
    private const int InitialDelayMilliseconds = 50;
    private const int MaximumDelayMilliseconds = 250;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var delay = InitialDelayMilliseconds;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await base.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException) when (attempt < MaxRetries)
            {
                await Task.Delay(delay, cancellationToken);
                delay = Math.Min(delay * 2, MaximumDelayMilliseconds);
            }
        }
    }
}
