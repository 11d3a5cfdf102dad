using System.Diagnostics;

namespace Herald.Testing;

/// <summary>The herald command as a user runs it: a separate process of the built CLI, with the environment a test gives it.</summary>
public static class HeraldProcess
{
    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments, IEnumerable<KeyValuePair<string, string?>> environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryPaths.Root,
        };
        start.ArgumentList.Add(Path.Combine(RepositoryPaths.OutputOf("cli"), "Herald.Cli.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["HERALD_HOME"] = RepositoryPaths.Root;
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return start;
    }

    /// <summary>Runs the command to its end (at most <paramref name="timeout"/>) and returns its exit code and output.</summary>
    public static Task<(int ExitCode, string Output, string Errors)> RunAsync(IEnumerable<string> arguments, IEnumerable<KeyValuePair<string, string?>> environment, TimeSpan timeout) =>
        RunAsync(StartInfo(arguments, environment), timeout);

    /// <summary>Runs another program (script(1) around herald, for a terminal) the same way.</summary>
    public static Task<(int ExitCode, string Output, string Errors)> RunProgramAsync(string program, IEnumerable<string> arguments, IEnumerable<KeyValuePair<string, string?>> environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryPaths.Root };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return RunAsync(start, timeout);
    }

    private static async Task<(int ExitCode, string Output, string Errors)> RunAsync(ProcessStartInfo start, TimeSpan timeout)
    {
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output, await errors);
    }
}
