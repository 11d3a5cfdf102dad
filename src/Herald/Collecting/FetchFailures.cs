namespace Herald.Collecting;

/// <summary>A failed fetch or read as an operator reads it in the log and in a source's feed state.</summary>
public static class FetchFailures
{
    public static string Describe(Exception ex) => ex switch
    {
        Polly.Timeout.TimeoutRejectedException => "no answer in time.",
        Polly.CircuitBreaker.BrokenCircuitException => "too many recent failures on this host; it is left alone for a while.",
        HttpRequestException { InnerException: { } inner } http => $"{http.Message} ({inner.Message})",
        _ => ex.Message,
    };
}
