using System.CommandLine;
using Herald.Delivery;
using Herald.Inbound;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Cli.Commands;

/// <summary>"herald stats": each recent edition's recipients and what became of them, from the ledger and the provider's events; and the inbound mail commands.</summary>
public static class StatsCommand
{
    public static Command Build()
    {
        var newsletterOption = new Option<string?>("--newsletter") { Description = "Only this newsletter's editions." };
        var count = new Option<int>("--last") { Description = "How many recent editions.", DefaultValueFactory = _ => 10 };
        var json = CliJson.Option();
        var command = new Command("stats", "Show recent editions' engagement: recipients, accepted, refused, delivered, bounced, opened, clicked, unsubscribed, spam reports.") { newsletterOption, count, json };
        command.SetAction((parse, ct) => HeraldCommands.Session(parse, async host =>
        {
            var overview = host.Services.GetRequiredService<DeliveryOverview>();
            var ledger = host.Services.GetRequiredService<DeliveryLedger>();
            var newsletter = parse.GetValue(newsletterOption);
            var editions = (await overview.ListAsync(null, ct)).Where(e => newsletter is null || e.NewsletterId == newsletter).Take(Math.Max(1, parse.GetValue(count))).ToList();
            if (parse.GetValue(json))
            {
                var rows = new List<object>();
                foreach (var edition in editions)
                {
                    var stats = await ledger.GetStatsAsync(edition.EditionId, ct);
                    rows.Add(new
                    {
                        edition.EditionId, edition.Recipients, Accepted = edition.Sent, Refused = edition.Failed, stats.Delivered, Bounced = stats.Bounced + stats.Dropped,
                        stats.Opened, stats.Clicked, Unsubscribed = stats.Unsubscribed + edition.OptedOut, stats.SpamReports,
                    });
                }

                CliJson.Write(new { Editions = rows, Inbound = await InboundCountsAsync(host.Services, ct) });
                return 0;
            }

            await PrintInboundAsync(host.Services, ct);
            if (editions.Count == 0)
            {
                Console.WriteLine("No edition has been sent yet.");
                return 0;
            }

            // 80 columns: the edition id (31, clipped), then nine counts of four (1234, 12k, 3M). --json has them whole.
            Console.WriteLine($"{"edition",-31} {"rcpt",4} {"sent",4} {"refd",4} {"dlvd",4} {"bnce",4} {"open",4} {"clck",4} {"unsb",4} {"spam",4}");
            foreach (var edition in editions)
            {
                var stats = await ledger.GetStatsAsync(edition.EditionId, ct);
                var id = edition.EditionId.Length <= 31 ? edition.EditionId : edition.EditionId[..30] + "…";
                Console.WriteLine($"{id,-31} {Short(edition.Recipients),4} {Short(edition.Sent),4} {Short(edition.Failed),4} {Short(stats.Delivered),4} {Short(stats.Bounced + stats.Dropped),4} {Short(stats.Opened),4} {Short(stats.Clicked),4} {Short(stats.Unsubscribed + edition.OptedOut),4} {Short(stats.SpamReports),4}");
            }

            return 0;
        }, ct, quiet: parse.GetValue(json)));
        return command;
    }

    /// <summary>A count in at most four characters: 1234, 12k, 999k, 3M.</summary>
    private static string Short(int count) => count switch
    {
        < 10_000 => count.ToString(System.Globalization.CultureInfo.InvariantCulture),
        < 1_000_000 => (count / 1000).ToString(System.Globalization.CultureInfo.InvariantCulture) + "k",
        _ => (count / 1_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture) + "M",
    };

    /// <summary>What mail to the parse domain asked for in the last 30 days, by kind; null when Herald receives no mail.</summary>
    private static async Task<IReadOnlyDictionary<string, int>?> InboundCountsAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<IOptions<InboundOptions>>().Value.Enabled ? await services.GetRequiredService<InboundLog>().CountAsync(30, ct) : null;

    private static async Task PrintInboundAsync(IServiceProvider services, CancellationToken ct)
    {
        if (await InboundCountsAsync(services, ct) is not { } counts)
        {
            return;
        }

        Console.WriteLine($"Inbound mail, last 30 days: {string.Join(", ", InboundOutcome.Kinds.Select(k => $"{k} {counts.GetValueOrDefault(k)}"))}");
    }
}
