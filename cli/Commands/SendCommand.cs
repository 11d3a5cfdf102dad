using System.CommandLine;
using Herald.Local;

namespace Herald.Cli.Commands;

/// <summary>"herald send": sends the queued batches, as SendDigestBatch does in Azure.</summary>
public static class SendCommand
{
    public static Command Build()
    {
        var parallel = new Option<int>("--parallel") { Description = "Batches sent at the same time (the Functions host's batchSize).", DefaultValueFactory = _ => 4 };
        var command = new Command("send", "Send every queued batch now (what the SendDigestBatch function does), several at a time.") { parallel };
        command.SetAction((parse, ct) => HeraldCommands.Session(parse, async host =>
        {
            var (report, sent, already) = await RunProgress.RunAsync(RunProgress.Interactive, [("send", "Sending")], progress => new LocalPipeline(host).SendQueuedAsync(ct, Math.Clamp(parse.GetValue(parallel), 1, 64), progress));
            Console.WriteLine($"Delivered:  {sent} emails ({already} already delivered earlier){(report.Failed == 0 ? "" : $" - {report.Failed} attempts failed, {report.Poisoned} messages moved to the poison queue")}{(report.Waiting == 0 ? "" : $" - {report.Waiting} messages wait for a later time")}{(report.Parked == 0 ? "" : $" - {report.Parked} batches parked ('herald deliveries' says why; fix it, then 'herald deliveries redrive')")}");
            return report.Failed == 0 && report.Parked == 0 ? 0 : 1;
        }, ct));
        return command;
    }
}
