using System.Collections.Concurrent;
using Herald.Configuration;
using Herald.Editions;
using Herald.Mail;
using Herald.Queues;
using Herald.Subscribers;
using Herald.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace Herald.Delivery;

/// <summary>
/// Handles a <see cref="SendBatch"/>: sends the edition to the batch's recipients, up to the transport's request size
/// at a time. Before each request it claims the next recipients in the ledger (conditional on the row's ETag) and after
/// it moves the batch's progress past them, so a re-delivered message, or a second instance, skips what was sent.
/// Throttling waits the time the provider asks and retries; 5xx and broken connections retry with jittered backoff;
/// an address the provider refuses is recorded as failed and the rest still go; what cannot go is parked for a redrive.
/// The one window no API closes — the provider took a request and the instance died before recording it, or the
/// answer was lost — is resolved by sending those recipients again once the claim lapses: at most one request's
/// worth of duplicates per such event, counted in the ledger as resent; nobody is left out.
/// </summary>
public sealed class BatchSender(
    IOptions<HeraldOptions> herald,
    EditionStore editions,
    DeliveryLedger ledger,
    BatchRecipients lists,
    SubscriberStore subscribers,
    DigestMail mail,
    IMailTransport transport,
    SendQueue sendQueue,
    IOptions<DeliveryOptions> options,
    TimeProvider time,
    HeraldMetrics metrics,
    ILogger<BatchSender> logger)
{
    private readonly ConcurrentDictionary<string, Task<Edition>> _editions = new(StringComparer.Ordinal);

    private DeliveryLedger Ledger => ledger;
    private BatchRecipients Lists => lists;
    private SubscriberStore Subscribers => subscribers;
    private DigestMail Mail => mail;
    private IMailTransport Transport => transport;
    private SendQueue SendQueue => sendQueue;
    private IOptions<DeliveryOptions> Options => options;
    private TimeProvider Time => time;
    private ILogger<BatchSender> Logger => logger;
    private HeraldMetrics Metrics => metrics;

    public async Task<BatchReport> SendAsync(SendBatch message, CancellationToken cancellationToken)
    {
        var newsletter = herald.Value.Newsletters.FirstOrDefault(n => n.Id == message.NewsletterId)
            ?? throw new InvalidDataException($"Send batch names newsletter '{message.NewsletterId}', which is not configured.");
        var record = await ledger.GetBatchAsync(message.EditionId, message.Batch, cancellationToken)
            ?? throw new InvalidDataException($"Batch {message.Batch} of edition {message.EditionId} is not in the delivery ledger.");
        if (record.Status is BatchState.Sent or BatchState.Parked)
        {
            return new BatchReport(0, record.Sent, 0) { Parked = record.Status == BatchState.Parked };
        }

        using var scope = logger.BeginScope(LogScope.Of(newsletter.Id, message.EditionId, message.Batch));
        var run = new Run(this, message, newsletter, record, $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}", cancellationToken);
        try
        {
            return await run.ExecuteAsync();
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // The trigger retries the message: a lease left running would make that retry defer (a new message,
            // DequeueCount 1) instead of trying, so a batch that keeps failing would never reach the poison queue.
            await run.ReleaseLeaseAsync();
            throw;
        }
    }

    /// <summary>The batch's edition, read once per process and shared by its batches (an edition never changes once stored).</summary>
    private async Task<Edition> EditionAsync(SendBatch message)
    {
        if (_editions.Count > 16)
        {
            _editions.Clear();
        }

        var load = _editions.GetOrAdd(message.EditionId, async _ =>
            (await editions.GetAsync(message.NewsletterId, message.Slot, CancellationToken.None))?.Value
            ?? throw new InvalidDataException($"Edition {message.EditionId} of the send batch is not stored."));
        try
        {
            return await load;
        }
        catch
        {
            // A failed read is not remembered: the next batch reads again.
            _editions.TryRemove(KeyValuePair.Create(message.EditionId, load));
            throw;
        }
    }

    /// <summary>One handling of one batch message: the state it works with, and the steps.</summary>
    private sealed class Run(BatchSender owner, SendBatch message, NewsletterOptions newsletter, BatchRecord record, string claimant, CancellationToken cancellationToken)
    {
        private readonly DeliveryOptions _options = owner.Options.Value;
        private readonly DateTimeOffset _deadline = owner.Time.GetUtcNow() + owner.Options.Value.SendBudget;
        private BatchRecord _record = record;
        private int _sent;
        private int _failed;
        private int _retries;
        private int _resent;
        private int _optedOut;
        private List<Recipient> _recipients = [];
        private Edition? _edition;
        private IReadOnlySet<string> _optedOutIds = new HashSet<string>();

        public async Task<BatchReport> ExecuteAsync()
        {
            if (HeldByAnother() is { } held)
            {
                return await DeferAsync(held, "another sender holds it");
            }

            if (message.ReleaseAt is { } release && release > owner.Time.GetUtcNow())
            {
                return await DeferAsync(release, "its readers' morning has not come");
            }

            var recipients = _recipients = await owner.Lists.ReadAsync(message.EditionId, message.Batch, cancellationToken)
                ?? throw new InvalidDataException($"The recipient list of batch {message.Batch} of edition {message.EditionId} is missing.");
            var released = Released(recipients, owner.Time.GetUtcNow());
            var optedOut = _optedOutIds = await owner.Subscribers.OptedOutSinceAsync(newsletter.Id, _record.SnapshotAt, cancellationToken);
            var edition = _edition = await owner.EditionAsync(message);
            var content = DigestMail.Content(newsletter, edition, message.Batch);
            var already = _record.Sent;

            while (_record.Progress < released)
            {
                // An earlier claim that was never settled: its sender died, or its request's fate is unknown. Send again.
                if (_record.ClaimedBy is not null && _record.ClaimTo > _record.Progress)
                {
                    _resent += _record.ClaimTo - _record.Progress;
                    owner.Logger.LogWarning("Batch {Batch} of {EditionId}: an earlier sender's claim on recipients {From}-{To} lapsed unsettled; sending them again (some may get the edition twice)", message.Batch, message.EditionId, _record.Progress, _record.ClaimTo);
                    _record.Resent += _record.ClaimTo - _record.Progress;
                }

                var chunk = new List<(int Position, Recipient Recipient)>();
                var end = _record.Progress;
                while (end < released && chunk.Count < owner.Transport.MaxRecipientsPerRequest)
                {
                    if (!optedOut.Contains(recipients[end].Id))
                    {
                        chunk.Add((end, recipients[end]));
                    }

                    end++;
                }

                if (!await ClaimAsync(_record.Progress, end))
                {
                    _record = await owner.Ledger.GetBatchAsync(message.EditionId, message.Batch, cancellationToken) ?? _record;
                    if (_record.Status is BatchState.Sent or BatchState.Parked)
                    {
                        return Report(already);
                    }

                    if (HeldByAnother() is { } other)
                    {
                        return await DeferAsync(other, "another sender took it over");
                    }

                    continue;
                }

                var stop = await SendChunkAsync(chunk, end, content);
                if (stop is not null)
                {
                    return stop;
                }
            }

            if (released < recipients.Count)
            {
                return await AwaitNextReleaseAsync(recipients[released].ReleaseAt!.Value, already);
            }

            _record.State = nameof(BatchState.Sent);
            _record.CompletedAt = owner.Time.GetUtcNow();
            ClearClaim();
            await SaveOrThrowAsync();
            await owner.Lists.DeleteAsync(message.EditionId, message.Batch, cancellationToken);
            owner.Logger.LogInformation("Batch {Batch} of {EditionId} sent: {Sent} sent, {Failed} refused, {OptedOut} no longer subscribed, {Retries} retries", message.Batch, message.EditionId, _record.Sent, _record.Failed, _record.OptedOut, _record.Retries);
            return Report(already);
        }

        /// <summary>How many of the list may go by <paramref name="now"/>: the list is in release order, so they are a prefix.</summary>
        private static int Released(List<Recipient> recipients, DateTimeOffset now)
        {
            var released = 0;
            while (released < recipients.Count && (recipients[released].ReleaseAt is not { } at || at <= now))
            {
                released++;
            }

            return released;
        }

        /// <summary>
        /// The recipients released so far are done; the rest of the batch waits for its readers' morning. The fan-out
        /// queued a message for each release time; a message without one (a redrive) queues the next release itself.
        /// </summary>
        private async Task<BatchReport> AwaitNextReleaseAsync(DateTimeOffset next, int already)
        {
            _record.State = nameof(BatchState.Queued);
            ClearClaim();
            await SaveOrThrowAsync();
            if (message.ReleaseAt is null)
            {
                await owner.SendQueue.EnqueueAsync(message with { ReleaseAt = next }, cancellationToken, next - owner.Time.GetUtcNow());
            }

            owner.Logger.LogInformation("Batch {Batch} of {EditionId}: {Progress} of {Recipients} released and done; the rest from {Next:u}", message.Batch, message.EditionId, _record.Progress, _recipients.Count, next);
            return Report(already) with { Waiting = true };
        }

        /// <summary>Sends one claimed chunk, through refusals, partial progress and retries; null when done, else the report to stop with.</summary>
        private async Task<BatchReport?> SendChunkAsync(List<(int Position, Recipient Recipient)> chunk, int end, MailContent content)
        {
            var remaining = chunk;
            while (remaining.Count > 0)
            {
                var request = new MailRequest(content, [.. remaining.Select(r => owner.Mail.Recipient(newsletter, _edition!, r.Recipient))]);
                var result = await Pipeline().ExecuteAsync(async ct => await owner.Transport.SendAsync(request, ct), cancellationToken);
                foreach (var (index, reason) in result.RefusedRecipients.Select(r => (r.Key, r.Value)))
                {
                    var refused = remaining[index].Recipient;
                    await owner.Ledger.RecordFailedAsync(message.EditionId, message.Batch, refused.Id, reason, owner.Time.GetUtcNow(), cancellationToken);
                    owner.Logger.LogWarning("Batch {Batch} of {EditionId}: {Recipient} refused for good: {Reason}", message.Batch, message.EditionId, EmailAddresses.Mask(refused.Email), reason);
                }

                var handled = result.Handled;
                var refusedHandled = result.RefusedRecipients.Keys.Count(i => i < handled);
                _sent += handled - refusedHandled;
                _record.Sent += handled - refusedHandled;
                _failed += result.RefusedRecipients.Count;
                _record.Failed += result.RefusedRecipients.Count;
                owner.Metrics.EmailsAccepted(newsletter.Id, handled - refusedHandled);
                owner.Metrics.EmailsRefused(newsletter.Id, result.RefusedRecipients.Count);
                Advance(handled == remaining.Count ? end : remaining[handled].Position);
                remaining = [.. remaining.Skip(handled).Where((_, i) => !result.RefusedRecipients.ContainsKey(i + handled))];
                var retryable = result.Outcome is TransportOutcome.Throttled or TransportOutcome.Transient or TransportOutcome.Unknown;
                if (remaining.Count == 0 || result.Outcome == TransportOutcome.RecipientsRefused || (handled > 0 && retryable))
                {
                    if (remaining.Count == 0)
                    {
                        Advance(end);
                        ClearClaim();
                    }

                    await SaveOrThrowAsync();
                    continue;
                }

                // Retries did not get it through (or the outcome allows none).
                if (result.Outcome == TransportOutcome.Throttled && owner.Time.GetUtcNow() + (result.RetryAfter ?? TimeSpan.Zero) >= _deadline)
                {
                    ClearClaim();
                    await SaveOrThrowAsync();
                    return await DeferAsync(owner.Time.GetUtcNow() + (result.RetryAfter ?? TimeSpan.FromMinutes(1)), "the provider asked to wait past this run's time");
                }

                return await ParkAsync($"{result.Outcome}: {result.Reason}");
            }

            return null;
        }

        /// <summary>Retries throttling, 5xx and unknown outcomes within the attempt and time budgets, renewing the claim before each attempt.</summary>
        private ResiliencePipeline<TransportResult> Pipeline() => new ResiliencePipelineBuilder<TransportResult>()
            .AddRetry(new RetryStrategyOptions<TransportResult>
            {
                MaxRetryAttempts = Math.Max(0, _options.MaxAttempts - 1),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(1),
                MaxDelay = TimeSpan.FromSeconds(60),
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Result is { Outcome: TransportOutcome.Throttled or TransportOutcome.Transient or TransportOutcome.Unknown, Handled: 0 } result
                    && owner.Time.GetUtcNow() + (result.RetryAfter ?? TimeSpan.Zero) < _deadline),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result?.RetryAfter),
                OnRetry = async args =>
                {
                    _retries++;
                    _record.Retries++;
                    owner.Metrics.SendRetried(args.Outcome.Result?.Outcome.ToString() ?? "Exception");
                    if (args.Outcome.Result?.Outcome == TransportOutcome.Unknown)
                    {
                        _resent += _record.ClaimTo - _record.ClaimFrom;
                        _record.Resent += _record.ClaimTo - _record.ClaimFrom;
                    }

                    owner.Logger.LogWarning("Batch {Batch} of {EditionId}: attempt {Attempt} failed ({Reason}); trying again in {Delay}", message.Batch, message.EditionId, args.AttemptNumber + 1, args.Outcome.Result?.Reason, args.RetryDelay);
                    _record.ClaimedUntil = owner.Time.GetUtcNow() + args.RetryDelay + _options.ClaimLease;
                    await SaveOrThrowAsync();
                },
            })
            .Build();

        private async Task<bool> ClaimAsync(int from, int to)
        {
            _record.State = nameof(BatchState.Sending);
            _record.ClaimFrom = from;
            _record.ClaimTo = to;
            _record.ClaimedBy = claimant;
            _record.ClaimedUntil = owner.Time.GetUtcNow() + _options.ClaimLease;
            _record.Transport = owner.Transport.Name;
            return await owner.Ledger.TryUpdateAsync(_record, cancellationToken);
        }

        /// <summary>Moves progress to <paramref name="position"/>, counting the recipients passed on the way who are no longer subscribed.</summary>
        private void Advance(int position)
        {
            for (var i = _record.Progress; i < position; i++)
            {
                if (_optedOutIds.Contains(_recipients[i].Id))
                {
                    _optedOut++;
                    _record.OptedOut++;
                }
            }

            _record.Progress = Math.Max(_record.Progress, position);
        }

        private void ClearClaim()
        {
            _record.ClaimedBy = null;
            _record.ClaimedUntil = null;
            _record.ClaimFrom = _record.Progress;
            _record.ClaimTo = _record.Progress;
        }

        /// <summary>Ends this run's lease (keeping the claimed range, whose outcome is unknown) so that the next attempt may take the batch at once.</summary>
        public async Task ReleaseLeaseAsync()
        {
            if (_record.ClaimedBy != claimant || _record.Status != BatchState.Sending)
            {
                return;
            }

            _record.ClaimedUntil = owner.Time.GetUtcNow();
            try
            {
                await owner.Ledger.TryUpdateAsync(_record, CancellationToken.None);
            }
            catch (Azure.RequestFailedException)
            {
                // The lease then runs out by itself.
            }
        }

        /// <summary>When another sender's live claim on the batch runs out; null when nobody else holds it.</summary>
        private DateTimeOffset? HeldByAnother() =>
            _record.ClaimedBy is { } by && by != claimant && _record.ClaimedUntil > owner.Time.GetUtcNow() ? _record.ClaimedUntil : null;

        /// <summary>Writes the record; when someone else changed it meanwhile our claim is gone, and this run stops.</summary>
        private async Task SaveOrThrowAsync()
        {
            if (!await owner.Ledger.TryUpdateAsync(_record, cancellationToken))
            {
                throw new ClaimLostException($"Batch {message.Batch} of {message.EditionId} was changed by another sender while this one held it.");
            }
        }

        private async Task<BatchReport> ParkAsync(string reason)
        {
            _record.State = nameof(BatchState.Parked);
            _record.ParkReason = reason;
            owner.Metrics.BatchParked(newsletter.Id);
            ClearClaim();
            await SaveOrThrowAsync();
            owner.Logger.LogError("Batch {Batch} of {EditionId} parked after {Sent} sent: {Reason}. 'herald deliveries redrive' sends the rest once the cause is fixed", message.Batch, message.EditionId, _record.Sent, reason);
            return Report(0) with { Parked = true };
        }

        private async Task<BatchReport> DeferAsync(DateTimeOffset until, string why)
        {
            var delay = until - owner.Time.GetUtcNow() + TimeSpan.FromSeconds(1);
            await owner.SendQueue.EnqueueAsync(message, cancellationToken, delay > TimeSpan.Zero ? delay : TimeSpan.FromSeconds(1));
            owner.Logger.LogInformation("Batch {Batch} of {EditionId} queued again for {Delay}: {Why}", message.Batch, message.EditionId, delay, why);
            return Report(0) with { Deferred = true };
        }

        private BatchReport Report(int alreadySent) =>
            new(_sent, alreadySent, _optedOut) { Failed = _failed, Retries = _retries, Resent = _resent };
    }
}
