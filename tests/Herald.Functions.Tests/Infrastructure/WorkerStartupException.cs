namespace Herald.Functions.Tests.Infrastructure;

/// <summary>The worker did not get through StartStream, WorkerInit, indexing and loading: how far it got, and why.</summary>
public sealed class WorkerStartupException(string message, WorkerExit? exit, IReadOnlyList<WorkerLog> logs) : Exception(message + (exit is null ? "" : "\n" + exit))
{
    /// <summary>Set when the process ended by itself.</summary>
    public WorkerExit? Exit { get; } = exit;

    public IReadOnlyList<WorkerLog> Logs { get; } = logs;
}
