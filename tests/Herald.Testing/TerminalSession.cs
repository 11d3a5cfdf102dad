using System.Diagnostics;
using System.Text;

namespace Herald.Testing;

/// <summary>
/// The herald command on a terminal a person answers: run under script(1), which gives it a pseudo-terminal, and fed
/// each answer once its question has been printed, as someone reading the screen would.
/// </summary>
public static class TerminalSession
{
    public static async Task<(int ExitCode, string Screen)> ConverseAsync(string arguments, IReadOnlyList<(string Question, string Answer)> conversation, IEnumerable<KeyValuePair<string, string?>> environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("script") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryPaths.Root };
        foreach (var argument in new[] { "-qefc", $"dotnet {Path.Combine(RepositoryPaths.OutputOf("cli"), "Herald.Cli.dll")} {arguments}", "/dev/null" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["HERALD_HOME"] = RepositoryPaths.Root;
        start.Environment["TERM"] = "xterm-256color";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(timeout);
        var screen = new StringBuilder();
        var reading = Task.Run(async () =>
        {
            var buffer = new char[4096];
            int read;
            while ((read = await process.StandardOutput.ReadAsync(buffer, limit.Token)) > 0)
            {
                lock (screen)
                {
                    screen.Append(buffer, 0, read);
                }
            }
        });
        try
        {
            var seenUpTo = 0;
            foreach (var (question, answer) in conversation)
            {
                // Wait for the question to appear after the last one answered (not for a sleep: for the screen).
                while (true)
                {
                    string now;
                    lock (screen)
                    {
                        now = Plain(screen.ToString());
                    }

                    var at = now.IndexOf(question, seenUpTo, StringComparison.Ordinal);
                    if (at >= 0)
                    {
                        seenUpTo = at + question.Length;
                        break;
                    }

                    if (process.HasExited)
                    {
                        Assert.Fail($"The command ended before asking \"{question}\":\n{now}");
                    }

                    await Task.Delay(20, limit.Token);
                }

                await process.StandardInput.WriteAsync(answer + "\r");
                await process.StandardInput.FlushAsync(limit.Token);
            }

            await process.WaitForExitAsync(limit.Token);
            await reading;
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        lock (screen)
        {
            return (process.ExitCode, Plain(screen.ToString()));
        }
    }

    /// <summary>The screen's text without the terminal's escape sequences (colours, cursor moves).</summary>
    private static string Plain(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\x1B\[[0-9;?]*[A-Za-z]|\x1B\][^\x07]*\x07", "");
}
