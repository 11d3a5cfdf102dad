using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Herald.Configuration;
using Herald.Mail;
using Microsoft.Extensions.Options;

namespace Herald.Subscribers;

/// <summary>
/// Operators' CSV import and export (CsvHelper). Import columns: <c>email</c> (required), <c>name</c>,
/// <c>newsletters</c> (ids separated by ";", else the default given), <c>consented_at</c> and <c>source</c> (kept in
/// the consent record); a file this class exported imports unchanged. Each imported subscription is active at once — the operator vouches for the consent — except
/// that an address that unsubscribed stays unsubscribed and a suppressed one is refused. Running an import twice
/// changes nothing the second time. Export writes one row per subscription, with
/// cells that a spreadsheet would run as a formula escaped.
/// </summary>
public sealed class SubscriberCsv(SubscriberImports imports, SubscriberStore store, SuppressionList suppressions, IOptions<HeraldOptions> herald, TimeProvider time)
{
    public static readonly string[] ExportColumns = ["email", "email_unicode", "name", "newsletter", "status", "origin", "requested_at", "confirmed_at", "ended_at", "end_reason"];

    private static readonly CsvConfiguration Config = new(CultureInfo.InvariantCulture)
    {
        PrepareHeaderForMatch = args => args.Header.Trim().ToLowerInvariant(),
        MissingFieldFound = null,
        BadDataFound = null,
        DetectDelimiter = true,
    };

    // A name typed into the sign-up form may be "=HYPERLINK(...)": escaped on export so a spreadsheet shows it, never runs it.
    private static readonly CsvConfiguration ExportConfig = new(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.Escape };

    public async Task<ImportReport> ImportAsync(TextReader input, string? defaultNewsletter, string source, CancellationToken cancellationToken, IProgress<int>? progress = null)
    {
        using var csv = new CsvReader(input, Config);
        if (!await csv.ReadAsync() || !csv.ReadHeader() || csv.HeaderRecord is not { } header || !header.Any(h => h.Trim().Equals("email", StringComparison.OrdinalIgnoreCase)))
        {
            return new ImportReport(0, 0, [(1, "the first line must be a header with at least an \"email\" column")]);
        }

        int added = 0, unchanged = 0, rows = 0;
        var rejected = new List<(int, string)>();
        while (await csv.ReadAsync())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var line = csv.Parser.RawRow;
            progress?.Report(++rows);
            var email = Unescape(csv.GetField("email"));
            var newsletters = (csv.GetField("newsletters") is { Length: > 0 } listed ? listed.Split(';', ',') : defaultNewsletter is null ? [] : [defaultNewsletter])
                .Select(n => n.Trim()).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).ToList();
            var reason = Check(email, newsletters, out var address);
            if (reason is null && await suppressions.ContainsAsync(EmailAddresses.IdOf(address!), cancellationToken))
            {
                reason = "the address bounced or its owner reported spam; only its owner can subscribe it again";
            }

            if (reason is not null)
            {
                rejected.Add((line, reason));
                continue;
            }

            var rowSource = csv.GetField("source") is { Length: > 0 } given ? $"{source} ({given})" : source;
            var consentedAt = DateTimeOffset.TryParse(csv.GetField("consented_at"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : time.GetUtcNow();
            foreach (var newsletter in newsletters)
            {
                var (subscriber, isNew) = await imports.AddConfirmedAsync(newsletter, address!, rowSource, cancellationToken, Unescape(csv.GetField("name")), consentedAt);
                if (isNew)
                {
                    added++;
                }
                else if (subscriber?.StatusFor(newsletter) == SubscriberStatus.Active)
                {
                    unchanged++;
                }
                else
                {
                    rejected.Add((line, $"{newsletter}: the address unsubscribed; an import does not subscribe it again"));
                }
            }
        }

        return new ImportReport(added, unchanged, rejected);
    }

    public async Task<int> ExportAsync(TextWriter output, string? newsletterId, CancellationToken cancellationToken, IProgress<int>? progress = null)
    {
        using var csv = new CsvWriter(output, ExportConfig, leaveOpen: true);
        foreach (var column in ExportColumns)
        {
            csv.WriteField(column);
        }

        await csv.NextRecordAsync();
        var rows = 0;
        await foreach (var subscriber in store.ListAsync(newsletterId, null, cancellationToken))
        {
            foreach (var (newsletter, subscription) in subscriber.Subscriptions.Where(s => s.Value.Status != SubscriberStatus.None && (newsletterId is null || s.Key == newsletterId)))
            {
                foreach (var value in new[] { subscriber.Email, subscriber.EmailUnicode ?? subscriber.Email, subscriber.Name ?? "", newsletter, subscription.Status.ToString(), subscription.Origin, Time(subscription.RequestedAt), Time(subscription.ConfirmedAt), Time(subscription.EndedAt), subscription.EndReason ?? "" })
                {
                    csv.WriteField(value);
                }

                await csv.NextRecordAsync();
                if (++rows % 100 == 0)
                {
                    progress?.Report(rows);
                }
            }
        }

        await csv.FlushAsync();
        progress?.Report(rows);
        return rows;
    }

    private string? Check(string? email, List<string> newsletters, out string? address)
    {
        address = EmailAddresses.Normalize(email);
        if (address is null)
        {
            return $"'{Shorten(email)}' is not one email address";
        }

        if (newsletters.Count == 0)
        {
            return "no newsletter: fill the \"newsletters\" column or give --newsletter";
        }

        var unknown = newsletters.FirstOrDefault(n => herald.Value.Newsletters.All(c => c.Id != n));
        return unknown is null ? null : $"'{Shorten(unknown)}' is not a configured newsletter";
    }

    /// <summary>Undoes the export's formula escaping ("'=x" back to "=x"), so an export imports unchanged.</summary>
    private static string? Unescape(string? field) =>
        field is ['\'', var next, ..] && ExportConfig.InjectionCharacters.Contains(next) ? field[1..] : field;

    private static string Time(DateTimeOffset? value) => value is { } at && at != default ? at.ToString("O", CultureInfo.InvariantCulture) : "";

    private static string Shorten(string? text) => text is null ? "" : text.Length <= 60 ? text : text[..60] + "…";
}
