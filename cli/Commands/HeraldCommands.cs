using System.CommandLine;
using System.CommandLine.Help;
using System.Globalization;
using Herald.Configuration;
using Herald.Editions;
using Herald.Editions.Scheduling;
using Herald.Local;
using Herald.Mail;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Herald.Cli.Commands;

/// <summary>The "herald" command line.</summary>
public static class HeraldCommands
{
    private static readonly Option<FileInfo?> ConfigOption = new("--config", "-c")
    {
        Description = "Configuration file (JSON). Default: $HERALD_CONFIG, else samples/white-house-watch/herald.json.",
        Recursive = true,
    };

    private static readonly Option<DirectoryInfo?> DataOption = new("--data")
    {
        Description = "Folder for local state: Azurite data and the outbox. Default: .herald in the repository.",
        Recursive = true,
    };

    private static readonly Option<bool> VerboseOption = new("--verbose", "-v")
    {
        Description = "Log every step.",
        Recursive = true,
    };

    private static readonly Option<DateTimeOffset?> NowOption = new("--now")
    {
        Description = "Run as if it were this moment (ISO 8601, e.g. 2026-11-26T11:00:00Z): walk through days locally.",
        Recursive = true,
    };

    /// <summary>The command tree, named "herald" as its users type it (a root command would take the assembly's name).</summary>
    public static Command Build()
    {
        var root = new Command("herald", "Herald: collects tagged news, summarizes it, and emails a digest to subscribers.")
        {
            new HelpOption(), new VersionOption(),
            ConfigOption, DataOption, VerboseOption, NowOption,
            RunCommand(), PreviewCommand(), SubscribersCommand.Build(), DeliveriesCommand.Build(), SendCommand.Build(), SendTestCommand.Build(), ServeCommand.Build(), StatsCommand.Build(), DoctorCommand.Build(), PruneCommand.Build(), SourcesCommand.Build(), RetagCommand.Build(), InitCommand.Build(),
            ExtractCommand.Build((parse, action, ct, needsStorage) => Session(parse, action, ct, needsStorage)),
        };
        return root;
    }

    private static Command RunCommand()
    {
        var json = CliJson.Option();
        var command = new Command("run", "Run the whole job once: collect, summarize, build today's editions and deliver them.") { json };
        command.SetAction((parse, ct) => Session(
            parse,
            async host =>
            {
                var report = await RunProgress.RunAsync(
                    !parse.GetValue(json) && RunProgress.Interactive,
                    [("collect", "Collecting"), ("summarize", "Summarizing"), ("editions", "Editions"), ("send", "Sending")],
                    progress => new LocalPipeline(host).RunAsync(ct, progress));
                if (parse.GetValue(json))
                {
                    PipelineOutput.WriteJson(report, host);
                }
                else
                {
                    PipelineOutput.Write(Console.Out, report, host);
                }

                return report.Succeeded ? 0 : 1;
            },
            ct,
            quiet: parse.GetValue(json)));
        return command;
    }

    private static Command PreviewCommand()
    {
        var newsletterOption = new Option<string?>("--newsletter") { Description = "Newsletter id. Default: the first configured." };
        var atOption = new Option<string?>("--at") { Description = "Local time in the newsletter's time zone (\"2026-11-26 06:00\"): render the edition of that moment. Default: now." };
        var command = new Command("preview", "Render the edition that would be sent at a moment (now by default) into HTML and text files, from stored articles, storing, sending and marking nothing.") { newsletterOption, atOption };
        command.SetAction((parse, ct) => Session(parse, async host =>
        {
            if (await NewsletterAsync(host, parse.GetValue(newsletterOption)) is not { } newsletter)
            {
                return 2;
            }

            var schedule = NewsletterSchedule.For(newsletter);
            var now = host.Services.GetRequiredService<TimeProvider>().GetUtcNow();
            if (parse.GetValue(atOption) is { } at)
            {
                if (!DateTime.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
                {
                    await Console.Error.WriteLineAsync($"--at: '{at}' is not a local date and time such as \"2026-11-26 06:00\".");
                    return 2;
                }

                now = new DateTimeOffset(local, schedule.Zone.GetUtcOffset(local));
            }

            // The slot whose edition goes out at that moment: the schedule's latest at or before it.
            var slot = schedule.Latest(now.AddDays(-31), now) ?? schedule.SlotAt(now);
            var (edition, basis) = await host.Services.GetRequiredService<EditionPreview>().PreviewAsync(newsletter, slot, $"{newsletter.Id}-preview", ct);
            if (edition is null)
            {
                Console.WriteLine($"No edition of {newsletter.Id} to show at {slot.Local:yyyy-MM-dd HH:mm} {newsletter.TimeZone}: {basis}. 'herald run' collects first.");
                return 0;
            }

            var outbox = host.Services.GetRequiredService<OutboxTransport>().Directory;
            var file = Path.Combine(Path.GetDirectoryName(outbox)!, "preview", $"{newsletter.Id}.html");
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await File.WriteAllTextAsync(file, edition.Html, ct);
            await File.WriteAllTextAsync(Path.ChangeExtension(file, ".txt"), edition.Text, ct);
            Console.WriteLine($"Preview of {newsletter.Id} at {slot.Local:yyyy-MM-dd HH:mm} {newsletter.TimeZone} ({edition.Stories} stories from {edition.ArticleIds.Count} articles; {basis}): {file}");
            Console.WriteLine($"Subject:    {edition.Subject}");
            return 0;
        }, ct));
        return command;
    }

    /// <summary>The newsletter a command names (the first configured when it names none); null, and the reason printed, when there is no such newsletter.</summary>
    internal static async Task<NewsletterOptions?> NewsletterAsync(IHost host, string? id)
    {
        var options = host.Services.GetRequiredService<IOptions<HeraldOptions>>().Value;
        var newsletter = id is null ? options.Newsletters[0] : options.Newsletters.FirstOrDefault(n => n.Id == id);
        if (newsletter is null)
        {
            await Console.Error.WriteLineAsync($"No newsletter '{id}' in the configuration.");
        }

        return newsletter;
    }

    /// <summary>Runs a command's action with the configuration, storage and host its options ask for.</summary>
    /// <param name="quiet">The command's own output is data (CSV, JSON): the session's notes go to standard error.</param>
    internal static Task<int> Session(ParseResult parse, Func<IHost, Task<int>> action, CancellationToken ct, bool needsStorage = true, bool quiet = false, Func<string, IReadOnlyList<string>, Task<int>>? onInvalid = null) =>
        CliSession.RunAsync(parse.GetValue(ConfigOption), parse.GetValue(DataOption), parse.GetValue(VerboseOption), quiet ? Console.Error : Console.Out, action, ct, needsStorage, parse.GetValue(NowOption), onInvalid);

    /// <summary>The configuration file a command reads (for messages).</summary>
    internal static string ConfigFileOf(ParseResult parse) =>
        parse.GetValue(ConfigOption)?.FullName ?? Environment.GetEnvironmentVariable("HERALD_CONFIG") ?? HeraldPaths.DefaultConfig(HeraldPaths.Home());
}
