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
        var command = new Command("stats", "Show recent editions' engagement: readers, sent, refused, delivered, bounced, opened, clicked, unsubscribed (left), spam reports.") { newsletterOption, count, json };
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
                        stats.Opened, stats.Clicked, stats.Unsubscribed, stats.SpamReports,
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

            // 80 columns: each newsletter's editions under its id, by slot (16), then nine counts under whole words; counts
            // are shortened (12k, 3M) and --json has them whole.
            foreach (var group in editions.GroupBy(e => e.NewsletterId))
            {
                Console.WriteLine(group.Key);
                Console.WriteLine($"{"slot",-16} {"readers",7} {"sent",4} {"refused",7} {"delivered",9} {"bounced",7} {"opened",6} {"clicked",7} {"left",4} {"spam",4}");
                foreach (var edition in group)
                {
                    var stats = await ledger.GetStatsAsync(edition.EditionId, ct);
                    Console.WriteLine($"{SlotOf(edition),-16} {Short(edition.Recipients),7} {Short(edition.Sent),4} {Short(edition.Failed),7} {Short(stats.Delivered),9} {Short(stats.Bounced + stats.Dropped),7} {Short(stats.Opened),6} {Short(stats.Clicked),7} {Short(stats.Unsubscribed),4} {Short(stats.SpamReports),4}");
                }
            }

            Console.WriteLine("left: unsubscribed through the edition (its link, one-click, the provider)");
            Console.WriteLine("bounced: bounces and drops");

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

    /// <summary>"2026-11-25 06:00" from "white-house-watch-20261125-0600": the slot in the newsletter's time.</summary>
    private static string SlotOf(EditionDeliveries edition)
    {
        var id = edition.EditionId;
        var slot = id.Length > edition.NewsletterId.Length + 1 ? id[(edition.NewsletterId.Length + 1)..] : id;
        return slot.Length == 13 && slot[8] == '-' ? $"{slot[..4]}-{slot[4..6]}-{slot[6..8]} {slot[9..11]}:{slot[11..13]}" : slot;
    }
}
