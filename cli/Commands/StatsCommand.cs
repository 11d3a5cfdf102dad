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
        var command = new Command("stats", "Show recent editions' engagement: recipients, accepted, refused, delivered, bounced, opened, clicked, unsubscribed, spam reports.") { newsletterOption, count };
        command.SetAction((parse, ct) => HeraldCommands.Session(parse, async host =>
        {
            var overview = host.Services.GetRequiredService<DeliveryOverview>();
            var ledger = host.Services.GetRequiredService<DeliveryLedger>();
            var newsletter = parse.GetValue(newsletterOption);
            var editions = (await overview.ListAsync(null, ct)).Where(e => newsletter is null || e.NewsletterId == newsletter).Take(Math.Max(1, parse.GetValue(count))).ToList();
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
        }, ct));
        return command;
    }

    /// <summary>What mail to the parse domain asked for in the last 30 days, when Herald receives mail.</summary>
    private static async Task PrintInboundAsync(IServiceProvider services, CancellationToken ct)
    {
        if (!services.GetRequiredService<IOptions<InboundOptions>>().Value.Enabled)
        {
            return;
        }

        var counts = await services.GetRequiredService<InboundLog>().CountAsync(30, ct);
        Console.WriteLine($"Inbound mail, last 30 days: {string.Join(", ", InboundOutcome.Kinds.Select(k => $"{k} {counts.GetValueOrDefault(k)}"))}");
    }
}
