using System.Text.Json;
using Herald.Configuration;
using Herald.Mail;
using Herald.Subscribers;
using Herald.Telemetry;
using Herald.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Herald.Delivery;

/// <summary>
/// Acts on SendGrid's event webhook (an array of events, or one): each event is taken in once, by its sg_event_id.
/// A hard bounce, a drop or a spam report suppresses the address for every newsletter; an unsubscribe at the
/// provider stops the newsletter it names (every one when it names none); a bounce of type "blocked" is a
/// reputation or content problem, not the address's, and only counted. Processed, delivered, deferred, bounce,
/// dropped, open, click, spam report and unsubscribe events are counted per edition, for "herald stats".
/// </summary>
public sealed class ProviderEventProcessor(
    ProviderEventLog log,
    OptOutService optOuts,
    SubscriberStore subscribers,
    DeliveryLedger ledger,
    IOptions<HeraldOptions> herald,
    HeraldMetrics metrics,
    ILogger<ProviderEventProcessor> logger)
{
    /// <summary>Events in one request at most: SendGrid sends up to a few thousand; ten thousand leaves room.</summary>
    public const int MaxEvents = 20_000;

    private sealed record Event(string Id, string Kind, string? Email, string? SubscriberId, string? NewsletterId, string? EditionId);

    /// <summary>The events of a request body; null when the body is not JSON events, or holds text that is not UTF-8 or Unicode, or a NUL (a 400 for the caller).</summary>
    public static IReadOnlyList<JsonElement>? Read(ReadOnlyMemory<byte> body)
    {
        if (StrictText.BytesProblem(body.Span) is not null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 });
            var root = document.RootElement;
            if (StrictText.JsonProblem(root) is not null)
            {
                return null; // checked here, once, so that reading an event's fields later cannot throw on a lone surrogate
            }

            var items = root.ValueKind switch
            {
                JsonValueKind.Array => [.. root.EnumerateArray().Select(e => e.Clone())],
                JsonValueKind.Object => new List<JsonElement> { root.Clone() },
                _ => null,
            };
            return items is null || items.Count > MaxEvents ? null : items;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public async Task<ProviderEventReport> ProcessAsync(IReadOnlyList<JsonElement> items, CancellationToken cancellationToken)
    {
        var events = new List<Event>(items.Count);
        var ignored = 0;
        foreach (var item in items)
        {
            if (item.ValueKind == JsonValueKind.Object && Text(item, "sg_event_id") is { } id && Text(item, "event") is { } kind)
            {
                var email = Text(item, "email");
                var subscriberId = Text(item, "herald_subscriber") is { Length: 32 } given && given.All(char.IsAsciiHexDigitLower) ? given
                    : EmailAddresses.Normalize(email) is { } address ? EmailAddresses.IdOf(address) : null;
                events.Add(new Event(id, kind == "bounce" && Text(item, "type") == "blocked" ? "blocked" : kind, email, subscriberId, Known(Text(item, "herald_newsletter")), Text(item, "herald_edition")));
            }
            else
            {
                ignored++;
            }
        }

        // Suppressing and unsubscribing are idempotent, so an event a dead request took in is acted on again; counting is
        // not, so only events seen for the first time are counted (one a request died holding may go uncounted).
        var marked = await log.TakeAsync([.. events.Select(e => e.Id)], cancellationToken);
        var taken = events.DistinctBy(e => e.Id).Where(e => marked.Fresh.Contains(e.Id) || marked.Unfinished.Contains(e.Id)).ToList();
        var counted = taken.Where(e => marked.Fresh.Contains(e.Id)).ToList();
        int suppressed = 0, unsubscribed = 0;
        try
        {
            suppressed = await SuppressAsync(taken, cancellationToken);
            unsubscribed = await UnsubscribeAsync(taken, cancellationToken);
            foreach (var edition in counted.Where(e => IsEditionId(e.EditionId)).GroupBy(e => e.EditionId!))
            {
                var counts = new EditionStatsRecord();
                foreach (var e in edition)
                {
                    counts.Count(e.Kind);
                }

                await ledger.AddStatsAsync(edition.Key, counts, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Taken in but not acted on: forget the new ones, so the provider's retry of this request acts on them and
            // counts them; those an earlier request left unfinished stay so.
            logger.LogError(ex, "Acting on {Count} provider events failed; the provider's retry brings them back", taken.Count);
            await log.ForgetAsync(counted.Select(e => e.Id), CancellationToken.None);
            throw;
        }

        await log.FinishAsync([.. taken.Select(e => e.Id)], cancellationToken);
        foreach (var e in counted)
        {
            metrics.WebhookEvent(e.Kind);
        }

        logger.LogInformation("Provider events: {New} new of {Events}, {Suppressed} addresses suppressed, {Unsubscribed} unsubscribed", taken.Count, events.Count, suppressed, unsubscribed);
        return new ProviderEventReport(items.Count, taken.Count, events.Count - taken.Count, ignored, suppressed, unsubscribed);
    }

    private async Task<int> SuppressAsync(List<Event> events, CancellationToken cancellationToken)
    {
        var reasons = new Dictionary<string, string> { ["bounce"] = "bounce", ["dropped"] = "dropped by provider", ["spamreport"] = "spam report" };
        var suppressing = events.Where(e => e.SubscriberId is not null && reasons.ContainsKey(e.Kind)).DistinctBy(e => e.SubscriberId).ToList();
        var done = 0;
        await Parallel.ForEachAsync(suppressing, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (e, ct) =>
        {
            if (await optOuts.SuppressAsync(e.SubscriberId!, reasons[e.Kind], ct) == ChangeOutcome.Done)
            {
                Interlocked.Increment(ref done);
                metrics.Suppressed(e.Kind);
            }
        });
        return done;
    }

    private async Task<int> UnsubscribeAsync(List<Event> events, CancellationToken cancellationToken)
    {
        var done = 0;
        foreach (var e in events.Where(e => e.SubscriberId is not null && e.Kind is "unsubscribe" or "group_unsubscribe"))
        {
            var subscriber = await subscribers.GetAsync(e.SubscriberId!, cancellationToken);
            if (subscriber is null)
            {
                continue;
            }

            foreach (var newsletterId in e.NewsletterId is { } one ? [one] : subscriber.Subscriptions.Keys.ToList())
            {
                if (await optOuts.UnsubscribeAsync(subscriber, newsletterId, "unsubscribed at provider", cancellationToken) == ChangeOutcome.Done)
                {
                    done++;
                }
            }
        }

        return done;
    }

    private string? Known(string? newsletterId) => herald.Value.Newsletters.Any(n => n.Id == newsletterId) ? newsletterId : null;

    /// <summary>Only editions of configured newsletters are counted: an event's custom arguments are the provider's to echo, not ours to trust.</summary>
    private bool IsEditionId(string? editionId) =>
        editionId is { Length: < 100 } && herald.Value.Newsletters.Any(n => editionId.StartsWith(n.Id + "-", StringComparison.Ordinal));

    private static string? Text(JsonElement item, string property) =>
        item.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 and <= 512 } text ? text : null;
}
