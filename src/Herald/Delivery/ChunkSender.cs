using Herald.Configuration;
using Herald.Editions;
using Herald.Mail;
using Herald.Subscribers;
using Herald.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace Herald.Delivery;

/// <summary>
/// Sends one claimed chunk of a batch through the transport, up to its request size: throttling waits the time the
/// provider asks and retries, 5xx and broken connections retry with jittered backoff (renewing the claim before each
/// attempt), an address the provider refuses is recorded as failed and the rest still go, and progress moves past
/// whatever went. What cannot go is parked for a redrive.
/// </summary>
public sealed class ChunkSender(DigestMail mail, IMailTransport transport, IOptions<DeliveryOptions> options, TimeProvider time, HeraldMetrics metrics, ILogger<ChunkSender> logger)
{
    /// <summary>"Outbox", "SendGrid", "Smtp": recorded with each claim.</summary>
    public string TransportName => transport.Name;

    /// <summary>How many recipients one chunk may hold.</summary>
    public int MaxRecipientsPerRequest => transport.MaxRecipientsPerRequest;

    /// <summary>Null when the whole chunk is done (sent or refused); else why the batch stops here.</summary>
    public async Task<ChunkStop?> SendAsync(BatchProgress progress, NewsletterOptions newsletter, Edition edition, MailContent content, List<(int Position, Recipient Recipient)> chunk, int end, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var message = progress.Message;
        var remaining = chunk;
        while (remaining.Count > 0)
        {
            var request = new MailRequest(content, [.. remaining.Select(r => mail.Recipient(newsletter, edition, r.Recipient))]);
            var result = await Pipeline(progress, deadline).ExecuteAsync(async ct => await transport.SendAsync(request, ct), cancellationToken);
            foreach (var (index, reason) in result.RefusedRecipients.Select(r => (r.Key, r.Value)))
            {
                var refused = remaining[index].Recipient;
                await progress.RecordRefusedAsync(refused, reason);
                logger.LogWarning("Batch {Batch} of {EditionId}: {Recipient} refused for good: {Reason}", message.Batch, message.EditionId, EmailAddresses.Mask(refused.Email), reason);
            }

            var handled = result.Handled;
            var refusedHandled = result.RefusedRecipients.Keys.Count(i => i < handled);
            progress.CountSent(handled - refusedHandled);
            metrics.EmailsAccepted(newsletter.Id, handled - refusedHandled);
            metrics.EmailsRefused(newsletter.Id, result.RefusedRecipients.Count);
            progress.Advance(handled == remaining.Count ? end : remaining[handled].Position);
            remaining = [.. remaining.Skip(handled).Where((_, i) => !result.RefusedRecipients.ContainsKey(i + handled))];
            var retryable = result.Outcome is TransportOutcome.Throttled or TransportOutcome.Transient or TransportOutcome.Unknown;
            if (remaining.Count == 0 || result.Outcome == TransportOutcome.RecipientsRefused || (handled > 0 && retryable))
            {
                if (remaining.Count == 0)
                {
                    progress.Advance(end);
                    progress.ClearClaim();
                }

                await progress.SaveOrThrowAsync();
                continue;
            }

            // Retries did not get it through (or the outcome allows none).
            if (result.Outcome == TransportOutcome.Throttled && time.GetUtcNow() + (result.RetryAfter ?? TimeSpan.Zero) >= deadline)
            {
                progress.ClearClaim();
                await progress.SaveOrThrowAsync();
                return new ChunkStop(false, time.GetUtcNow() + (result.RetryAfter ?? TimeSpan.FromMinutes(1)), "the provider asked to wait past this run's time");
            }

            var why = $"{result.Outcome}: {result.Reason}";
            metrics.BatchParked(newsletter.Id);
            await progress.SettleAsync(BatchState.Parked, why);
            logger.LogError("Batch {Batch} of {EditionId} parked after {Sent} sent: {Reason}. 'herald deliveries redrive' sends the rest once the cause is fixed", message.Batch, message.EditionId, progress.Record.Sent, why);
            return new ChunkStop(true, Reason: why);
        }

        return null;
    }

    /// <summary>Retries throttling, 5xx and unknown outcomes within the attempt and time budgets, renewing the claim before each attempt.</summary>
    private ResiliencePipeline<TransportResult> Pipeline(BatchProgress progress, DateTimeOffset deadline)
    {
        // One attempt means no retry at all; Polly's retry strategy refuses zero retries.
        if (options.Value.MaxAttempts <= 1)
        {
            return ResiliencePipeline<TransportResult>.Empty;
        }

        return new ResiliencePipelineBuilder<TransportResult>()
        .AddRetry(new RetryStrategyOptions<TransportResult>
        {
            MaxRetryAttempts = options.Value.MaxAttempts - 1,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromSeconds(1),
            MaxDelay = TimeSpan.FromSeconds(60),
            ShouldHandle = args => ValueTask.FromResult(
                args.Outcome.Result is { Outcome: TransportOutcome.Throttled or TransportOutcome.Transient or TransportOutcome.Unknown, Handled: 0 } result
                && time.GetUtcNow() + (result.RetryAfter ?? TimeSpan.Zero) < deadline),
            DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result?.RetryAfter),
            OnRetry = async args =>
            {
                progress.CountRetry();
                metrics.SendRetried(args.Outcome.Result?.Outcome.ToString() ?? "Exception");
                if (args.Outcome.Result?.Outcome == TransportOutcome.Unknown)
                {
                    progress.CountClaimResent();
                }

                logger.LogWarning("Batch {Batch} of {EditionId}: attempt {Attempt} failed ({Reason}); trying again in {Delay}", progress.Message.Batch, progress.Message.EditionId, args.AttemptNumber + 1, args.Outcome.Result?.Reason, args.RetryDelay);
                await progress.ExtendClaimAsync(args.RetryDelay);
            },
        })
        .Build();
    }
}
