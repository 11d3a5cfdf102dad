namespace Herald.Functions.Tests.Infrastructure;

/// <summary>
/// An InvocationResponse as the host reads it: the status, the return value (JSON or string, as the worker
/// serialized it), output bindings, the exception the host would log as the invocation's failure, and the RpcLogs
/// the worker sent for this invocation id.
/// </summary>
public sealed record Invocation(
    string FunctionName,
    string InvocationId,
    string Status,
    string? ReturnKind,
    string? ReturnValue,
    IReadOnlyDictionary<string, string> OutputBindings,
    string? Exception,
    IReadOnlyList<WorkerLog> Logs)
{
    public bool Succeeded => Status == "Success";

    public override string ToString() =>
        $"{FunctionName} ({InvocationId}): {Status}" + (ReturnValue is null ? "" : $", returned {ReturnKind} {ReturnValue}") + (Exception is null ? "" : "\n" + Exception);
}
