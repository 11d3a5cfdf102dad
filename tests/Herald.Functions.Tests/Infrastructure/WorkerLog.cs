namespace Herald.Functions.Tests.Infrastructure;

/// <summary>One RpcLog the worker sent over the stream: what the host forwards to Application Insights.</summary>
public sealed record WorkerLog(string? InvocationId, string Category, string Level, string Message, string? Exception)
{
    public override string ToString() => $"[{Level}] {Category}: {Message}" + (Exception is null ? "" : "\n    " + Exception.Replace("\n", "\n    ", StringComparison.Ordinal));
}
