using System.Diagnostics;
using System.Text;
using Herald.Local;

namespace Herald.Testing;

/// <summary>
/// A development server from the repository's node_modules (Prism, maildev) that a test starts itself: bound to
/// 127.0.0.1 on free ports, waited for until it accepts connections, and stopped by its own process id.
/// </summary>
public sealed class NodeTool : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private NodeTool(Process process) => _process = process;

    public int ProcessId => _process.Id;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts node_modules/.bin/<paramref name="tool"/> and waits until <paramref name="readyPort"/> accepts connections.</summary>
    public static async Task<NodeTool> StartAsync(string tool, IEnumerable<string> arguments, int readyPort, TimeSpan timeout)
    {
        var executable = Path.Combine(RepositoryPaths.Root, "node_modules", ".bin", tool);
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"{executable} is missing: run 'npm ci' (test.sh does) in {RepositoryPaths.Root}.");
        }

        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryPaths.Root };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var tool_ = new NodeTool(Process.Start(start)!);
        tool_._process.OutputDataReceived += (_, e) => tool_.Append(e.Data);
        tool_._process.ErrorDataReceived += (_, e) => tool_.Append(e.Data);
        tool_._process.BeginOutputReadLine();
        tool_._process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow + timeout;
        while (!await LocalPorts.AnswersAsync(readyPort))
        {
            if (tool_._process.HasExited || DateTime.UtcNow > deadline)
            {
                var output = tool_.Output;
                await tool_.DisposeAsync();
                throw new InvalidOperationException($"{tool} did not start on 127.0.0.1:{readyPort}: {output}");
            }

            await Task.Delay(100);
        }

        return tool_;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            if (_output.Length < 100_000)
            {
                _output.AppendLine(line);
            }
        }
    }
}
