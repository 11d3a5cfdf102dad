using System.Diagnostics.Metrics;

namespace Herald.Telemetry;

/// <summary>
/// Herald's counters (the "Herald" meter, System.Diagnostics.Metrics): what each stage did, tagged by newsletter where
/// there is one. The Functions app exports them through OpenTelemetry to Application Insights; tests read them with a
/// MeterListener. No tag ever carries an address or a name.
/// </summary>
public sealed class HeraldMetrics
{
    public const string MeterName = "Herald";

    private readonly Counter<long> _articlesCollected;
    private readonly Counter<long> _summaries;
    private readonly Counter<long> _summaryFallbacks;
    private readonly Counter<long> _editions;
    private readonly Counter<long> _emailsAccepted;
    private readonly Counter<long> _emailsRefused;
    private readonly Counter<long> _sendRetries;
    private readonly Counter<long> _batchesParked;
    private readonly Counter<long> _suppressions;
    private readonly Counter<long> _webhookEvents;
    private readonly Counter<long> _signUps;

    public HeraldMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _articlesCollected = meter.CreateCounter<long>("herald.articles.collected", "{article}", "New articles stored by collecting.");
        _summaries = meter.CreateCounter<long>("herald.summaries", "{summary}", "Summaries stored, by method: extractive, or chat:{deployment}.");
        _summaryFallbacks = meter.CreateCounter<long>("herald.summaries.fallbacks", "{summary}", "Model summaries not used (no reply in time, an error, a reply that failed the checks): the extractive one was used instead.");
        _editions = meter.CreateCounter<long>("herald.editions", "{edition}", "Editions by outcome: built, skipped (nothing new), resumed (an interrupted fan-out finished), failed.");
        _emailsAccepted = meter.CreateCounter<long>("herald.emails.accepted", "{email}", "Digest emails the transport accepted.");
        _emailsRefused = meter.CreateCounter<long>("herald.emails.refused", "{email}", "Recipients the transport refused (recorded with the reason in the ledger).");
        _sendRetries = meter.CreateCounter<long>("herald.send.retries", "{request}", "Send requests tried again, by reason: throttled, server error, connection.");
        _batchesParked = meter.CreateCounter<long>("herald.batches.parked", "{batch}", "Send batches parked until an operator redrives them.");
        _suppressions = meter.CreateCounter<long>("herald.suppressions", "{address}", "Addresses suppressed, by reason: bounce, dropped, spamreport.");
        _webhookEvents = meter.CreateCounter<long>("herald.webhook.events", "{event}", "Provider webhook events taken in, by type (repeats not counted).");
        _signUps = meter.CreateCounter<long>("herald.signups", "{request}", "Sign-up requests processed from the queue.");
    }

    public void ArticlesCollected(int count) => _articlesCollected.Add(count);

    public void SummaryMade(string method) => _summaries.Add(1, new KeyValuePair<string, object?>("method", method));

    public void SummaryFellBack() => _summaryFallbacks.Add(1);

    public void Edition(string newsletterId, string outcome) => _editions.Add(1, Newsletter(newsletterId), new("outcome", outcome));

    public void EmailsAccepted(string newsletterId, int count) => _emailsAccepted.Add(count, Newsletter(newsletterId));

    public void EmailsRefused(string newsletterId, int count) => _emailsRefused.Add(count, Newsletter(newsletterId));

    public void SendRetried(string reason) => _sendRetries.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void BatchParked(string newsletterId) => _batchesParked.Add(1, Newsletter(newsletterId));

    public void Suppressed(string reason) => _suppressions.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void WebhookEvent(string type) => _webhookEvents.Add(1, new KeyValuePair<string, object?>("type", type));

    public void SignUpProcessed(string newsletterId) => _signUps.Add(1, Newsletter(newsletterId));

    private static KeyValuePair<string, object?> Newsletter(string newsletterId) => new("newsletter", newsletterId);
}
