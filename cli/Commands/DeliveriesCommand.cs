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
        var command = new Command("deliveries", "Show each edition's delivery (sent, sending, scheduled, parked) and its send batches, with counts.") { editionOption, json };
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
                Console.WriteLine($"{edition.EditionId}: {edition.State}, {edition.Recipients} recipients in {edition.Batches} batches");
                Console.WriteLine($"  batches: {edition.SentBatches} sent, {edition.Sending} sending, {edition.Queued} scheduled, {edition.Parked} parked");
                Console.WriteLine($"  recipients: {edition.Sent} sent, {edition.Failed} refused, {edition.OptedOut} left before sending, {edition.Pending} pending");
                Console.WriteLine($"  requests: {edition.Retries} retried; {edition.Resent} recipients possibly sent twice");
            }

            if (editionId is not null)
            {
                Console.WriteLine();
                // 80 columns: the park reason is clipped here and whole in --json. "left": no longer subscribed when the
                // batch went; "twice": possibly sent twice.
                Console.WriteLine("batch state    readers  done  sent refused  left retries twice reason");
                foreach (var batch in await overview.BatchesAsync(editionId, ct))
                {
                    var reason = batch.ParkReason is { Length: > 15 } full ? full[..14] + "…" : batch.ParkReason;
                    Console.WriteLine($"{batch.Batch,5} {BatchWord(batch.Status),-8} {batch.Recipients,7} {batch.Progress,5} {batch.Sent,5} {batch.Failed,7} {batch.OptedOut,5} {batch.Retries,7} {batch.Resent,5} {reason}");
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
        var overview = services.GetRequiredService<DeliveryOverview>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        foreach (var newsletter in services.GetRequiredService<IOptions<HeraldOptions>>().Value.Newsletters)
        {
            var slots = new List<string>();
            foreach (var slot in (await store.ListSlotsAsync(newsletter.Id, ct)).Take(5))
            {
                var edition = (await store.GetAsync(newsletter.Id, slot, ct))?.Value;
                var state = edition?.Status == EditionStatus.Skipped ? "skipped (nothing new)"
                    : edition is null ? "missing"
                    : (await overview.ListAsync(edition.Id, ct)).FirstOrDefault()?.State ?? "built";
                slots.Add($"{slot} {state}");
            }

            // The next slot after both the clock and the last slot handled (one built with --now may be ahead of the clock).
            var latest = (await store.GetLatestAsync(newsletter.Id, ct))?.Value;
            var next = NewsletterSchedule.For(newsletter).Next(latest is { } handled && handled.SlotAt > now ? handled.SlotAt : now);
            Console.WriteLine($"{newsletter.Id}: {(slots.Count == 0 ? "no slot yet" : string.Join(", ", slots))}; next {next?.Local:yyyy-MM-dd HH:mm} {newsletter.TimeZone}");
        }
    }

    /// <summary>A batch's state as the table shows it: waiting for a sender or its readers' morning is "scheduled".</summary>
    private static string BatchWord(BatchState state) => state == BatchState.Queued ? "scheduled" : state.ToString().ToLowerInvariant();
}
