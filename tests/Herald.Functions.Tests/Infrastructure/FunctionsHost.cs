namespace Herald.Functions.Tests.Infrastructure;

/// <summary>Starts the published worker under the test host, or skips the test when this build has no protocol to speak to it.</summary>
public static class FunctionsHost
{
    /// <summary>Starts the worker and takes it through StartStream, WorkerInit, indexing and loading every function.</summary>
    /// <exception cref="WorkerStartupException">The worker did not get that far; the exception says where and why.</exception>
    public static async Task<IFunctionsHost> StartAsync(PublishedApp app, IReadOnlyDictionary<string, string?> settings, CancellationToken cancellationToken)
    {
        FunctionsProtocol.SkipUnlessCompiled();
#if FUNCTIONS_RPC
        return await Rpc.WorkerHost.StartAsync(app, settings, cancellationToken);
#else
        await Task.CompletedTask;
        throw new InvalidOperationException(FunctionsProtocol.MissingMessage);
#endif
    }
}
