using System.CommandLine;
using Herald.Configuration;
using Herald.Delivery;
using Herald.Editions;
using Herald.Editions.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Herald.Cli.Commands;

/// <summary>"herald deliveries": every edition's send batches by state; "redrive" sends again what was parked.</summary>
public static class DeliveriesCommand
{
    public static Command Build()
    {
        var editionOption = new Option<string?>("--edition") { Description = "One edition's id (as herald run prints it); its batches one by one." };
        var json = CliJson.Option();
        var command = new Command("deliveries", "Show each edition's send batches: queued, sending, sent and parked, with counts.") { editionOption, json };
        command.SetAction((parse, ct) => HeraldCommands.Session(parse, async host =>
        {
            var overview = host.Services.GetRequiredService<DeliveryOverview>();
            var editionId = parse.GetValue(editionOption);
            var editions = await overview.ListAsync(editionId, ct);
            if (parse.GetValue(json))
            {
                CliJson.Write(new
                {
                    Editions = editions,
                    Batches = editionId is null ? null : (await overview.BatchesAsync(editionId, ct)).Select(b => new { b.Batch, b.State, b.Recipients, b.Progress, b.Sent, b.Failed, b.OptedOut, b.Retries, b.Resent, b.ParkReason }),
                    PoisonMessages = await overview.PoisonMessagesAsync(ct),
                });
                return editionId is not null && editions.Count == 0 ? 2 : 0;
            }

            if (editionId is null)
            {
                await WriteSlotsAsync(host.Services, ct);
            }

            if (editions.Count == 0)
            {
                Console.WriteLine(editionId is null ? "No edition has been sent yet." : $"No deliveries of edition {editionId}.");
                return editionId is null ? 0 : 2;
            }

            foreach (var edition in editions)
            {
                Console.WriteLine($"{edition.EditionId}: {edition.Recipients} recipients in {edition.Batches} batches{(edition.FanOutComplete ? "" : " (fan-out not finished)")}");
                Console.WriteLine($"  batches: {edition.SentBatches} sent, {edition.Queued} queued, {edition.Sending} sending, {edition.Parked} parked");
                Console.WriteLine($"  recipients: {edition.Sent} sent, {edition.Failed} refused, {edition.OptedOut} left before sending, {edition.Pending} pending");
                Console.WriteLine($"  requests: {edition.Retries} retried; {edition.Resent} recipients possibly sent twice");
            }

            if (editionId is not null)
            {
                Console.WriteLine();
                // 80 columns: the park reason is clipped here and whole in --json.
                Console.WriteLine("batch state     rcpt  done  sent  refd  left retry resent reason");
                foreach (var batch in await overview.BatchesAsync(editionId, ct))
                {
                    var reason = batch.ParkReason is { Length: > 24 } full ? full[..23] + "…" : batch.ParkReason;
                    Console.WriteLine($"{batch.Batch,5} {batch.State,-8} {batch.Recipients,5} {batch.Progress,5} {batch.Sent,5} {batch.Failed,5} {batch.OptedOut,5} {batch.Retries,5} {batch.Resent,6} {reason}");
                }
            }

            var poison = await overview.PoisonMessagesAsync(ct);
            if (poison > 0)
            {
                Console.WriteLine($"{poison} send messages are in the poison queue; 'herald deliveries redrive' sends their batches again.");
            }

            return 0;
        }, ct, quiet: parse.GetValue(json)));

        var redrive = new Command("redrive", "Queue parked and stuck batches again, from where each stopped: nobody already sent to is sent to again.") { editionOption };
        redrive.SetAction((parse, ct) => HeraldCommands.Session(parse, async host =>
        {
            var report = await host.Services.GetRequiredService<DeliveryRedrive>().RedriveAsync(parse.GetValue(editionOption), ct);
            Console.WriteLine($"Queued again: {report.Batches} batches, {report.Recipients} recipients still to send ({report.PoisonMessages} taken from the poison queue).");
            return 0;
        }, ct));
        command.Subcommands.Add(redrive);
        return command;
    }

    /// <summary>Each newsletter's latest slots — sent, or skipped with nothing new — and its next one.</summary>
    private static async Task WriteSlotsAsync(IServiceProvider services, CancellationToken ct)
    {
        var store = services.GetRequiredService<EditionStore>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        foreach (var newsletter in services.GetRequiredService<IOptions<HeraldOptions>>().Value.Newsletters)
        {
            var slots = new List<string>();
            foreach (var slot in (await store.ListSlotsAsync(newsletter.Id, ct)).Take(5))
            {
                var edition = (await store.GetAsync(newsletter.Id, slot, ct))?.Value;
                slots.Add($"{slot} {(edition?.Status == EditionStatus.Skipped ? "skipped (nothing new)" : edition?.Status.ToString().ToLowerInvariant())}");
            }

            var next = NewsletterSchedule.For(newsletter).Next(now);
            Console.WriteLine($"{newsletter.Id}: {(slots.Count == 0 ? "no slot yet" : string.Join(", ", slots))}; next {next?.Local:yyyy-MM-dd HH:mm} {newsletter.TimeZone}");
        }
    }
}
