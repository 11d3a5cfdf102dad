using System.Collections.Concurrent;
using System.Diagnostics;
using Herald.Local;

namespace Herald.Testing;

/// <summary>"herald serve" as a user starts it: its own process on a free port of 127.0.0.1, ended by its PID.</summary>
public sealed class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ServeProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }
    public Uri Url => new($"http://127.0.0.1:{Port}");

    /// <summary>What the server printed so far: a failing test shows it.</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>Starts the server with <paramref name="environment"/> and waits until it says it is serving.</summary>
    public static async Task<ServeProcess> StartAsync(int port, IEnumerable<string> arguments, IEnumerable<KeyValuePair<string, string?>> environment)
    {
        var process = new Process { StartInfo = HeraldProcess.StartInfo(["serve", "--port", $"{port}", .. arguments], environment) };
        var server = new ServeProcess(process, port);
        var serving = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                server._output.Enqueue(line);
                if (line.StartsWith("Serving:", StringComparison.Ordinal))
                {
                    serving.TrySetResult();
                }
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                server._output.Enqueue(line);
            }
        };
        process.Exited += (_, _) => serving.TrySetException(new InvalidOperationException($"herald serve exited with {process.ExitCode}:\n{server.Output}"));
        process.EnableRaisingEvents = true;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await serving.Task.WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    public static int FreePort() => LocalPorts.Free();

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }

        _process.Dispose();
    }
}
