using Herald.Editions;
using Herald.Local;
using Herald.Mail;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Herald.Cli.Commands;

/// <summary>The report "herald run" prints: counts per stage and where the emails are.</summary>
public static class PipelineOutput
{
    public static void Write(TextWriter output, PipelineReport report, IHost host)
    {
        if (report.Subscribers is { } subscribers)
        {
            output.WriteLine($"Subscribers: {subscribers.Added} added from {Path.GetFileName(report.SubscribersFile)}, {subscribers.Known} already known");
        }

        var c = report.Collect;
        output.WriteLine($"Collected:  {c.Items} items from {c.Sources} sources ({c.FailedSources} failed): {c.NewArticles} new articles, {c.KnownArticles} already stored");
        foreach (var (source, reason) in c.Failures)
        {
            output.WriteLine($"            {source} failed: {reason}");
        }

        if (c.Unmatched.Count > 0)
        {
            output.WriteLine($"Unmatched:  {c.Unmatched.Count} new {(c.Unmatched.Count == 1 ? "article matches" : "articles match")} no newsletter's tags ('herald sources' lists them; change the rules, then 'herald retag'):");
            foreach (var (source, title, tags) in c.Unmatched.Take(5))
            {
                output.WriteLine($"            {source}: \"{Clip(title, 50)}\" [{(tags.Count == 0 ? "no tags" : string.Join(", ", tags))}]");
            }

            if (c.Unmatched.Count > 5)
            {
                output.WriteLine($"            and {c.Unmatched.Count - 5} more");
            }
        }

        output.WriteLine($"Summarized: {report.Summarize.Processed} articles{Failures(report.Summarize)}");
        foreach (var edition in report.Editions)
        {
            output.WriteLine(edition.Outcome switch
            {
                EditionOutcome.Queued => $"Edition:    {edition.EditionId}: {edition.Articles} articles in {edition.Stories} stories, queued for {edition.Recipients} subscribers in {edition.Batches} batches",
                EditionOutcome.AlreadyQueued => $"Edition:    {edition.EditionId}: already built and queued by an earlier run ({edition.Articles} articles); next slot {edition.NextSlot}",
                EditionOutcome.NotDue => $"Edition:    {edition.NewsletterId}: no slot has come since its last edition; next slot {edition.NextSlot}",
                EditionOutcome.InProgress => $"Edition:    {edition.EditionId}: another run is queuing it",
                EditionOutcome.Failed => $"Edition:    {edition.NewsletterId}: failed: {edition.Error}",
                _ => $"Edition:    {edition.EditionId}: no new story with the newsletter's tags, so no edition; next slot {edition.NextSlot}",
            });
            if (edition.LateSlots > 0)
            {
                output.WriteLine($"            ({edition.LateSlots} earlier slots that came while nothing ran were built first)");
            }
        }

        output.WriteLine($"Delivered:  {report.EmailsSent} emails ({report.EmailsAlreadySent} already delivered earlier){Failures(report.Send)}");
        var outbox = host.Services.GetService<OutboxTransport>()?.Directory;
        if (outbox is not null && Directory.Exists(outbox))
        {
            var emails = Directory.GetFiles(outbox, "*.eml", SearchOption.AllDirectories);
            output.WriteLine($"Outbox:     {outbox} ({emails.Length} .eml files in all)");
            foreach (var edition in report.Editions.Where(e => e.Outcome is EditionOutcome.Queued or EditionOutcome.AlreadyQueued && e.Slot is not null))
            {
                // A reader's copy of this edition, where the outbox keeps the edition's mail (not a test or a confirmation).
                var folder = Path.Combine(outbox, edition.NewsletterId, edition.Slot!);
                var newest = Directory.Exists(folder)
                    ? Directory.GetFiles(folder, "*.html").OrderByDescending(File.GetLastWriteTimeUtc).ThenBy(f => f, StringComparer.Ordinal).FirstOrDefault()
                    : null;
                if (newest is not null)
                {
                    output.WriteLine($"Open:       {newest}");
                }
            }
        }
    }

    /// <summary>The same report as JSON: what each stage did, and the outbox.</summary>
    public static void WriteJson(PipelineReport report, IHost host) => CliJson.Write(new
    {
        report.Succeeded,
        Subscribers = report.Subscribers is { } s ? new { s.Added, s.Known } : null,
        Collect = new { report.Collect.Sources, report.Collect.FailedSources, report.Collect.Items, report.Collect.NewArticles, report.Collect.KnownArticles, report.Collect.UnchangedSources, report.Collect.FilteredItems, report.Collect.NearDuplicates, report.Collect.PagesFetched, report.Collect.ShortExtractions, report.Collect.LinklessTeasers, Failures = report.Collect.Failures.Select(f => new { f.Source, f.Reason }), Unmatched = report.Collect.Unmatched.Select(u => new { u.Source, u.Title, u.Tags }) },
        Summarize = Drain(report.Summarize),
        Editions = report.Editions.Select(e => new { e.NewsletterId, e.EditionId, e.Outcome, e.Articles, e.Stories, e.Recipients, e.Batches, e.LateSlots, e.NextSlot, e.Resumed, e.Error }),
        Send = Drain(report.Send),
        report.EmailsSent,
        report.EmailsAlreadySent,
        Outbox = host.Services.GetService<OutboxTransport>()?.Directory,
    });

    private static object Drain(DrainReport drain) => new { drain.Processed, drain.Failed, drain.Poisoned, drain.Waiting, drain.Parked };

    private static string Failures(DrainReport drain) =>
        (drain.Failed == 0 ? "" : $" - {drain.Failed} attempts failed, {drain.Poisoned} messages moved to the poison queue (see the log above)")
        + (drain.Waiting == 0 ? "" : $" - {drain.Waiting} batch messages wait for their readers' morning ('herald send' after that time sends them)")
        + (drain.Parked == 0 ? "" : $" - {drain.Parked} batches parked ('herald deliveries' says why; fix it, then 'herald deliveries redrive')");

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
