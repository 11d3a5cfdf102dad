using System.CommandLine;
using System.Globalization;
using Herald.Articles;
using Herald.Collecting;
using Herald.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Herald.Cli.Commands;

/// <summary>
/// "herald sources": every configured source as the last collection left it (last success, items, failures in a row and
/// why), and the stored articles of the last days that no newsletter takes, with their tags, so a rule can be fixed.
/// </summary>
public static class SourcesCommand
{
    public static Command Build()
    {
        var days = new Option<int>("--days") { Description = "How many days back to look for articles no newsletter takes.", DefaultValueFactory = _ => 3 };
        var json = CliJson.Option();
        var command = new Command("sources", "Show each source's last collection (success, items, failures and why) and the recent articles that match no newsletter.") { days, json };
        command.SetAction((parse, ct) => HeraldCommands.Session(parse, async host =>
        {
            var herald = host.Services.GetRequiredService<IOptions<HeraldOptions>>().Value;
            var states = host.Services.GetRequiredService<FeedStateStore>();
            var now = host.Services.GetRequiredService<TimeProvider>().GetUtcNow();
            var sources = new List<(FeedSourceOptions Source, FeedState State)>();
            foreach (var source in herald.AllSources())
            {
                sources.Add((source, await states.GetAsync(FeedFetcher.SourceKey(source), ct)));
            }

            var window = TimeSpan.FromDays(Math.Max(1, parse.GetValue(days)));
            var unmatched = (await host.Services.GetRequiredService<ArticleStore>().ListCollectedAsync(now - window, now, ct))
                .Where(row => !herald.Newsletters.Any(n => n.Wants(row.TagList)))
                .ToList();
            if (parse.GetValue(json))
            {
                CliJson.Write(new
                {
                    Sources = sources.Select(s => new { s.Source.Name, Address = s.Source.Url ?? s.Source.File, s.State.LastAttemptAt, s.State.LastSuccessAt, Items = s.State.LastItemCount, s.State.ConsecutiveFailures, s.State.LastError }),
                    Unmatched = unmatched.Select(r => new { r.Title, Tags = r.TagList, r.CollectedAt }),
                });
                return sources.Any(s => s.State.ConsecutiveFailures > 0) ? CliFailures.PartlyFailed : CliFailures.Succeeded;
            }

            foreach (var (source, state) in sources)
            {
                var status = state.LastAttemptAt is null ? "not collected yet"
                    : state.ConsecutiveFailures > 0 ? $"failing ({state.ConsecutiveFailures} in a row): {state.LastError}"
                    : $"ok, {state.LastItemCount} items at {state.LastSuccessAt?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC";
                Console.WriteLine($"{source.Name}: {status}");
                Console.WriteLine($"  {source.Url ?? source.File}");
            }

            Console.WriteLine();
            Console.WriteLine(unmatched.Count == 0
                ? $"Every article of the last {window.TotalDays:0} days matches a newsletter."
                : $"{unmatched.Count} articles of the last {window.TotalDays:0} days match no newsletter (change the tagging rules, then 'herald retag'):");
            foreach (var row in unmatched)
            {
                var title = row.Title.Length <= 50 ? row.Title : row.Title[..49] + "…";
                Console.WriteLine($"  \"{title}\" [{(row.TagList.Count == 0 ? "no tags" : string.Join(", ", row.TagList))}]");
            }

            return sources.Any(s => s.State.ConsecutiveFailures > 0) ? CliFailures.PartlyFailed : CliFailures.Succeeded;
        }, ct, quiet: parse.GetValue(json)));
        return command;
    }
}
