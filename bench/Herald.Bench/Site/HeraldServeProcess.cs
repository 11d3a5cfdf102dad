using System.Diagnostics;

namespace Herald.Bench.Site;

/// <summary>"herald serve" as the benchmark's child process: the built CLI, settings as environment variables, stopped by its id.</summary>
public sealed class HeraldServeProcess : IDisposable
{
    private readonly Process _process;

    private HeraldServeProcess(Process process) => _process = process;

    public int ProcessId => _process.Id;

    /// <summary>Queue messages whose handling failed and was left for a retry, as the server logged them.</summary>
    public int FailedAttempts => Volatile.Read(ref _failedAttempts);

    private int _failedAttempts;

    public static async Task<HeraldServeProcess> StartAsync(string cli, string config, string data, int port, IDictionary<string, string?> settings)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { cli, "serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--config", config, "--data", data })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var serving = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var printed = new System.Text.StringBuilder();
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var server = new HeraldServeProcess(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.Contains(" failed (attempt ", StringComparison.Ordinal) == true)
            {
                Interlocked.Increment(ref server._failedAttempts);
            }

            if (e.Data?.StartsWith("Serving:", StringComparison.Ordinal) == true)
            {
                serving.TrySetResult();
            }

            lock (printed)
            {
                printed.AppendLine(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (printed)
            {
                printed.AppendLine(e.Data);
            }
        };
        process.Exited += (_, _) => serving.TrySetException(new InvalidOperationException($"herald serve exited:\n{printed}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await serving.Task.WaitAsync(TimeSpan.FromMinutes(2));
        }
        catch
        {
            server.Dispose();
            throw;
        }

        return server;
    }

    private bool _disposed;

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
