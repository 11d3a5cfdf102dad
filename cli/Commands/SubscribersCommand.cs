using System.CommandLine;
using Herald.Mail;
using Herald.Privacy;
using Herald.Subscribers;
using Herald.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Cli.Commands;

/// <summary>"herald subscribers": list, add and remove subscribers.</summary>
public static class SubscribersCommand
{
    public static Command Build()
    {
        var newsletterArgument = new Argument<string>("newsletter") { Description = "Newsletter id." };
        var emailArgument = new Argument<string>("email") { Description = "Email address." };

        var json = CliJson.Option();
        var list = new Command("list", "List a newsletter's subscribers.") { newsletterArgument, json };
        list.SetAction((parse, ct) => HeraldCommands.Session(parse, async host =>
        {
            var newsletterId = parse.GetValue(newsletterArgument)!;
            if (parse.GetValue(json))
            {
                var rows = new List<object>();
                await foreach (var subscriber in host.Services.GetRequiredService<SubscriberStore>().ListAsync(newsletterId, null, ct))
                {
                    rows.Add(new { subscriber.Id, subscriber.Email, subscriber.Name, Status = subscriber.StatusFor(newsletterId), subscriber.CreatedAt, subscriber.TimeZone });
                }

                CliJson.Write(new { Newsletter = newsletterId, Count = rows.Count, Subscribers = rows });
                return 0;
            }

            var count = 0;
            await foreach (var subscriber in host.Services.GetRequiredService<SubscriberStore>().ListAsync(newsletterId, null, ct))
            {
                // 80 columns: status, the address (clipped), since when; the id is in --json.
                var email = subscriber.Email.Length <= 48 ? subscriber.Email : subscriber.Email[..47] + "…";
                Console.WriteLine($"{subscriber.StatusFor(newsletterId),-12} {email,-48} since {subscriber.CreatedAt:yyyy-MM-dd}");
                count++;
            }

            Console.WriteLine($"{count} subscribers");
            return 0;
        }, ct, quiet: parse.GetValue(json)));

        var add = new Command("add", "Add a subscriber who has already consented (import). Someone who unsubscribed stays unsubscribed.") { newsletterArgument, emailArgument };
        add.SetAction((parse, ct) => HeraldCommands.Session(parse, async host =>
        {
            var newsletterId = parse.GetValue(newsletterArgument)!;
            var (subscriber, added) = await host.Services.GetRequiredService<SubscriberImports>().AddConfirmedAsync(newsletterId, parse.GetValue(emailArgument)!, "cli", ct);
            if (subscriber is null)
            {
                await Console.Error.WriteLineAsync("Not added: the address is not valid or the newsletter is not configured.");
                return 2;
            }

            Console.WriteLine(added ? $"Added {subscriber.Email} ({subscriber.Id})" : $"Already known: {subscriber.Email} is {subscriber.StatusFor(newsletterId)}");
            return 0;
        }, ct));

        var erase = new Command("erase", "Erase a person's data (erasure request): subscriber record, consent records, delivery records, outbox copies. A hash stays if the address bounced or complained.") { emailArgument };
        erase.SetAction((parse, ct) => HeraldCommands.Session(parse, async host =>
        {
            var address = EmailAddresses.Normalize(parse.GetValue(emailArgument));
            if (address is null)
            {
                await Console.Error.WriteLineAsync("Not a valid address.");
                return 2;
            }

            var report = await host.Services.GetRequiredService<PersonalData>().EraseAsync(EmailAddresses.IdOf(address), ct);
            Console.WriteLine(report.Subscriber
                ? $"Erased {EmailAddresses.Mask(address)}: the subscriber record, {report.ConsentRecords} consent records, {report.DeliveryRecords} delivery records, {report.OutboxFiles} outbox files{(report.SuppressionKept ? "; the suppression hash stays" : "")}."
                : $"{EmailAddresses.Mask(address)} was not a subscriber; removed {report.ConsentRecords} consent records, {report.DeliveryRecords} delivery records, {report.OutboxFiles} outbox files.");
            return 0;
        }, ct));

        var fileArgument = new Argument<FileInfo>("file") { Description = "CSV file with a header: email (required), name, newsletters (ids separated by ;), consented_at, source." };
        var defaultNewsletter = new Option<string?>("--newsletter") { Description = "Newsletter for rows whose \"newsletters\" column is empty." };
        var import = new Command("import", "Import consenting subscribers from a CSV file: idempotent; rows refused are listed with their line and reason.") { fileArgument, defaultNewsletter };
        import.SetAction((parse, ct) => HeraldCommands.Session(parse, async host =>
        {
            var file = parse.GetValue(fileArgument)!;
            if (!file.Exists)
            {
                await Console.Error.WriteLineAsync($"'{file.FullName}' does not exist.");
                return 2;
            }

            var show = RunProgress.Interactive;
            var rows = show ? Math.Max(1, File.ReadLines(file.FullName).Count() - 1) : 0;
            using var reader = file.OpenText();
            var report = await RunProgress.RunAsync(show, [("import", "Importing rows")], progress => host.Services.GetRequiredService<SubscriberCsv>().ImportAsync(
                reader,
                parse.GetValue(defaultNewsletter),
                $"import:{file.Name}",
                ct,
                progress is null ? null : new RowProgress(done => progress.Report(new StepProgress("import", done, Math.Max(rows, done))))));
            Console.WriteLine($"Imported:   {report.Added} subscriptions added, {report.Unchanged} already active, {report.Rejected.Count} rows refused");
            foreach (var (line, reason) in report.Rejected)
            {
                Console.WriteLine($"  line {line}: {reason}");
            }

            return report.Rejected.Count == 0 ? 0 : 1;
        }, ct));

        var outputOption = new Option<FileInfo?>("--output", "-o") { Description = "CSV file to write (default: standard output)." };
        var export = new Command("export", "Export subscribers as CSV, one row per subscription: email, email_unicode, name, newsletter, status, origin, requested_at, confirmed_at, ended_at, end_reason.") { defaultNewsletter, outputOption };
        export.SetAction((parse, ct) => HeraldCommands.Session(parse, async host =>
        {
            var csv = host.Services.GetRequiredService<SubscriberCsv>();
            if (parse.GetValue(outputOption) is not { } output)
            {
                await csv.ExportAsync(Console.Out, parse.GetValue(defaultNewsletter), ct);
                return 0;
            }

            await using var writer = output.CreateText();

            // How many rows there will be is known only at the end: the display counts them as they are written.
            var rows = await RunProgress.RunAsync(RunProgress.Interactive, [("export", "Exporting rows")], progress => csv.ExportAsync(
                writer,
                parse.GetValue(defaultNewsletter),
                ct,
                progress is null ? null : new RowProgress(done => progress.Report(new StepProgress("export", done, 0)))));
            Console.WriteLine($"Exported:   {rows} subscriptions to {output.FullName}");
            return 0;
        }, ct, needsStorage: true, quiet: parse.GetValue(outputOption) is null));

        return new Command("subscribers", "Administer subscribers.") { list, add, erase, import, export };
    }

    /// <summary>Rows read so far, handed on as a step of the import.</summary>
    private sealed class RowProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
