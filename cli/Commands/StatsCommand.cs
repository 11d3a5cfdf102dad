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

            Console.WriteLine("edition                       recipients  accepted  refused  delivered  bounced  opened  clicked  unsub  spam");
            foreach (var edition in editions)
            {
                var stats = await ledger.GetStatsAsync(edition.EditionId, ct);
                Console.WriteLine($"{edition.EditionId,-29} {edition.Recipients,10}  {edition.Sent,8}  {edition.Failed,7}  {stats.Delivered,9}  {stats.Bounced + stats.Dropped,7}  {stats.Opened,6}  {stats.Clicked,7}  {stats.Unsubscribed + edition.OptedOut,5}  {stats.SpamReports,4}");
            }

            return 0;
        }, ct, quiet: parse.GetValue(json)));
        return command;
    }

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
