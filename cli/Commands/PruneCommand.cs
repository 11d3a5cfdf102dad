using System.CommandLine;
using Herald.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Cli.Commands;

/// <summary>"herald prune": what the PruneRecords timer does in Azure, run once - expired replay-protection, de-duplication and count rows removed.</summary>
public static class PruneCommand
{
    public static Command Build()
    {
        var json = CliJson.Option();
        var command = new Command("prune", "Remove expired rows: provider events older than a week, inbound signatures older than a day, reply claims before yesterday, inbound counts older than 90 days, sign-up quotas older than two hours.") { json };
        command.SetAction((parse, ct) => HeraldCommands.Session(parse, async host =>
        {
            var removed = await host.Services.GetRequiredService<RecordPruner>().PruneAsync(ct);
            if (parse.GetValue(json))
            {
                CliJson.Write(new { Removed = removed });
            }
            else
            {
                foreach (var (records, count) in removed)
                {
                    Console.WriteLine(count < 0 ? $"{records}: failed (see the log; the next run tries again)" : $"{records}: {count} expired rows removed");
                }
            }

            return removed.Values.Any(c => c < 0) ? CliFailures.PartlyFailed : CliFailures.Succeeded;
        }, ct, quiet: parse.GetValue(json)));
        return command;
    }
}
