namespace Herald.Functions.Tests.Infrastructure;

/// <summary>
/// A worker process that ended on its own. The host keeps the last three standard-error lines that read as errors
/// (they contain "error", "fail", "severe" or "unhandled exception", and not "warn") and logs a
/// WorkerProcessExitException "dotnet exited with code N (0xN)" whose inner exception is those lines joined by
/// commas: <see cref="HostException"/> is that text, what an operator finds in Application Insights.
/// </summary>
public sealed record WorkerExit(int ExitCode, IReadOnlyList<string> StandardOutput, IReadOnlyList<string> StandardError)
{
    private static readonly string[] ErrorWords = ["error", "fail", "severe", "unhandled exception"];

    public IReadOnlyList<string> HostKeptErrorLines =>
        [.. StandardError
            .Where(line => !line.Contains("warn", StringComparison.OrdinalIgnoreCase) && ErrorWords.Any(word => line.Contains(word, StringComparison.OrdinalIgnoreCase)))
            .TakeLast(3)];

    public string HostException => $"dotnet exited with code {ExitCode} (0x{ExitCode:X}) ---> {string.Join(",", HostKeptErrorLines)}";

    public override string ToString() =>
        $"{HostException}\n--- standard error ---\n{string.Join('\n', StandardError)}\n--- standard output ---\n{string.Join('\n', StandardOutput)}";
}
