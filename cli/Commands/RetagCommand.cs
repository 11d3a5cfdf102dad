using System.CommandLine;
using Herald.Collecting;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Cli.Commands;

/// <summary>"herald retag": the tagging rules as they are now applied to the articles stored in the last days.</summary>
public static class RetagCommand
{
    public static Command Build()
    {
        var days = new Option<int>("--days") { Description = "Re-tag the articles collected in this many days back.", DefaultValueFactory = _ => 7 };
        var json = CliJson.Option();
        var command = new Command("retag", "Apply the current tagging rules to stored articles (the feed's own tags are kept); the next edition selects by the new tags.") { days, json };
        command.SetAction((parse, ct) => HeraldCommands.Session(parse, async host =>
        {
            var report = await host.Services.GetRequiredService<ArticleRetagger>().RetagAsync(TimeSpan.FromDays(Math.Max(1, parse.GetValue(days))), ct);
            if (parse.GetValue(json))
            {
                CliJson.Write(report);
            }
            else
            {
                Console.WriteLine($"Re-tagged: {report.Changed} of {report.Articles} articles changed, {report.Unchanged} already right{(report.Missing > 0 ? $", {report.Missing} missing their document" : "")}.");
            }

            return CliFailures.Succeeded;
        }, ct, quiet: parse.GetValue(json)));
        return command;
    }
}
