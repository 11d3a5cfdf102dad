using Herald.Telemetry;
using Spectre.Console;

namespace Herald.Cli.Commands;

/// <summary>
/// Progress of long work on a terminal (Spectre.Console): a bar per stage with counts, rate and time left, updated
/// as the pipeline reports. When the output is not a terminal (CI, logs, --json) nothing is drawn and the command's
/// own line per step is all that is printed, so logs stay clean.
/// </summary>
public static class RunProgress
{
    /// <summary>True when standard output is an interactive terminal.</summary>
    public static bool Interactive => !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    /// <summary>Runs <paramref name="work"/> under a progress display when <paramref name="show"/>, handing it the progress to report to.</summary>
    public static async Task<T> RunAsync<T>(bool show, IReadOnlyList<(string Stage, string Title)> stages, Func<IProgress<StepProgress>?, Task<T>> work)
    {
        if (!show)
        {
            return await work(null);
        }

        T result = default!;
        await AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var tasks = stages.ToDictionary(s => s.Stage, s => (Task: context.AddTask(s.Title, autoStart: false, maxValue: 1), s.Title), StringComparer.Ordinal);
                var progress = new Reporter(step =>
                {
                    if (!tasks.TryGetValue(step.Stage, out var entry))
                    {
                        return;
                    }

                    var task = entry.Task;
                    if (!task.IsStarted)
                    {
                        task.StartTask();
                    }

                    // A total of 0: not known until the end (an export streams); the bar moves without a percentage.
                    task.IsIndeterminate = step.Total <= 0;
                    task.MaxValue = Math.Max(1, step.Total);
                    task.Value = step.Total <= 0 ? 0 : step.Done;
                    task.Description = step.Total <= 0 ? $"{entry.Title} {step.Done}" : $"{entry.Title} {step.Done}/{step.Total}{(step.Produced > 0 ? $" ({step.Produced} {Noun(step.Stage)})" : "")}{(step.Item is { Length: > 0 } item ? $" [grey]{Markup.Escape(item.Length <= 24 ? item : item[..24])}[/]" : "")}";
                });
                result = await work(progress);
                foreach (var (task, _) in tasks.Values)
                {
                    if (!task.IsStarted)
                    {
                        task.StartTask();
                    }

                    task.IsIndeterminate = false;
                    task.Value = task.MaxValue;
                    task.StopTask();
                }
            });
        return result;
    }

    private static string Noun(string stage) => stage switch
    {
        "collect" => "new",
        "send" => "emails",
        "editions" => "recipients",
        _ => "",
    };

    /// <summary>Reports straight to the display, from whichever thread finished the unit (Spectre's tasks take concurrent updates).</summary>
    private sealed class Reporter(Action<StepProgress> report) : IProgress<StepProgress>
    {
        public void Report(StepProgress value) => report(value);
    }
}
