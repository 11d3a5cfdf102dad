using Herald.Mail;
using Herald.Queues;
using Herald.Subscribers;
using Herald.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Herald.Delivery;

/// <summary>
/// Handles a <see cref="SendBatch"/>: sends the edition to the batch's recipients, a claimed chunk at a time
/// (<see cref="ChunkSender"/>). Before each chunk it claims the next recipients in the ledger (conditional on the row's
/// ETag) and after it moves the batch's progress past them, so a re-delivered message, or a second instance, skips
/// what was sent. The one window no API closes — the provider took a request and the instance died before recording
/// it, or the answer was lost — is resolved by sending those recipients again once the claim lapses: at most one
/// request's worth of duplicates per such event, counted in the ledger as resent; nobody is left out.
/// </summary>
public sealed class BatchSender(
    DeliveryLedger ledger,
    BatchInputs inputs,
    ChunkSender chunks,
    SendQueue sendQueue,
    IOptions<DeliveryOptions> options,
    TimeProvider time,
    ILogger<BatchSender> logger)
{
    public async Task<BatchReport> SendAsync(SendBatch message, CancellationToken cancellationToken)
    {
        var newsletter = inputs.Newsletter(message);
        var record = await ledger.GetBatchAsync(message.EditionId, message.Batch, cancellationToken)
            ?? throw new InvalidDataException($"Batch {message.Batch} of edition {message.EditionId} is not in the delivery ledger.");
        if (record.Status is BatchState.Sent or BatchState.Parked)
        {
            return new BatchReport(0, record.Sent, 0) { Parked = record.Status == BatchState.Parked };
        }

        using var scope = logger.BeginScope(LogScope.Of(newsletter.Id, message.EditionId, message.Batch));
        var claimant = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
        var progress = new BatchProgress(ledger, record, message, claimant, time, options.Value.ClaimLease, cancellationToken);
        if (progress.HeldByAnother() is { } held)
        {
            return await DeferAsync(progress, held, "another sender holds it", cancellationToken);
        }

        if (message.ReleaseAt is { } release && release > time.GetUtcNow())
        {
            return await DeferAsync(progress, release, "its readers' morning has not come", cancellationToken);
        }

        try
        {
            return await SendReleasedAsync(progress, newsletter, cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            await progress.ReleaseLeaseAsync();
            throw;
        }
    }

    /// <summary>Sends what of the batch is released by now, chunk by chunk, and settles the batch: sent, or waiting for its next release.</summary>
    private async Task<BatchReport> SendReleasedAsync(BatchProgress progress, Configuration.NewsletterOptions newsletter, CancellationToken cancellationToken)
    {
        var message = progress.Message;
        var deadline = time.GetUtcNow() + options.Value.SendBudget;
        var recipients = await inputs.RecipientsAsync(message, cancellationToken);
        var released = Released(recipients, time.GetUtcNow());
        var optedOut = await inputs.OptedOutSinceAsync(newsletter.Id, progress.Record.SnapshotAt, cancellationToken);
        progress.Track(recipients, optedOut);
        var edition = await inputs.EditionAsync(message);
        var content = DigestMail.Content(newsletter, edition, message.Batch);
        var already = progress.Record.Sent;

        while (progress.Record.Progress < released)
        {
            var (from, claimedTo) = (progress.Record.Progress, progress.Record.ClaimTo);
            if (progress.TakeOverLapsedClaim() > 0)
            {
                logger.LogWarning("Batch {Batch} of {EditionId}: an earlier sender's claim on recipients {From}-{To} lapsed unsettled; sending them again (some may get the edition twice)", message.Batch, message.EditionId, from, claimedTo);
            }

            var chunk = new List<(int Position, Recipient Recipient)>();
            var end = progress.Record.Progress;
            while (end < released && chunk.Count < chunks.MaxRecipientsPerRequest)
            {
                if (!optedOut.Contains(recipients[end].Id))
                {
                    chunk.Add((end, recipients[end]));
                }

                end++;
            }

            if (!await progress.TryClaimAsync(progress.Record.Progress, end, chunks.TransportName))
            {
                await progress.ReloadAsync();
                if (progress.Record.Status is BatchState.Sent or BatchState.Parked)
                {
                    return progress.Report(already);
                }

                if (progress.HeldByAnother() is { } other)
                {
                    return await DeferAsync(progress, other, "another sender took it over", cancellationToken);
                }

                continue;
            }

            switch (await chunks.SendAsync(progress, newsletter, edition, content, chunk, end, deadline, cancellationToken))
            {
                case { Parked: true }:
                    return progress.Report(0) with { Parked = true };
                case { DeferUntil: { } until } stop:
                    return await DeferAsync(progress, until, stop.Reason, cancellationToken);
            }
        }

        if (released < recipients.Count)
        {
            return await AwaitNextReleaseAsync(progress, recipients.Count, recipients[released].ReleaseAt!.Value, already, cancellationToken);
        }

        await progress.SettleAsync(BatchState.Sent);
        await inputs.DeleteRecipientsAsync(message, cancellationToken);
        logger.LogInformation("Batch {Batch} of {EditionId} sent: {Sent} sent, {Failed} refused, {OptedOut} no longer subscribed, {Retries} retries", message.Batch, message.EditionId, progress.Record.Sent, progress.Record.Failed, progress.Record.OptedOut, progress.Record.Retries);
        return progress.Report(already);
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
    private async Task<BatchReport> AwaitNextReleaseAsync(BatchProgress progress, int recipients, DateTimeOffset next, int already, CancellationToken cancellationToken)
    {
        var message = progress.Message;
        await progress.SettleAsync(BatchState.Queued);
        if (message.ReleaseAt is null)
        {
            await sendQueue.EnqueueAsync(message with { ReleaseAt = next }, cancellationToken, next - time.GetUtcNow());
        }

        logger.LogInformation("Batch {Batch} of {EditionId}: {Progress} of {Recipients} released and done; the rest from {Next:u}", message.Batch, message.EditionId, progress.Record.Progress, recipients, next);
        return progress.Report(already) with { Waiting = true };
    }

    private async Task<BatchReport> DeferAsync(BatchProgress progress, DateTimeOffset until, string why, CancellationToken cancellationToken)
    {
        var message = progress.Message;
        var delay = until - time.GetUtcNow() + TimeSpan.FromSeconds(1);
        await sendQueue.EnqueueAsync(message, cancellationToken, delay > TimeSpan.Zero ? delay : TimeSpan.FromSeconds(1));
        logger.LogInformation("Batch {Batch} of {EditionId} queued again for {Delay}: {Why}", message.Batch, message.EditionId, delay, why);
        return progress.Report(0) with { Deferred = true };
    }
}
