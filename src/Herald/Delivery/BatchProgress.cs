using Herald.Queues;
using Herald.Subscribers;

namespace Herald.Delivery;

/// <summary>
/// One handling of one send-batch message, as it stands in the batch's ledger row: the claim on the next recipients,
/// how far the batch got, and what this handling did. Every write is conditional on the row's ETag; a write that
/// meets another sender's means this handling's claim is gone, and it stops (<see cref="ClaimLostException"/>).
/// </summary>
public sealed class BatchProgress(DeliveryLedger ledger, BatchRecord record, SendBatch message, string claimant, TimeProvider time, TimeSpan lease, CancellationToken cancellationToken)
{
    private List<Recipient> _recipients = [];
    private IReadOnlySet<string>? _optedOut;
    private int _sent;
    private int _failed;
    private int _retries;
    private int _resent;
    private int _optedOutCount;

    public BatchRecord Record { get; private set; } = record;

    public SendBatch Message => message;

    /// <summary>The batch's fixed recipient list and who of it left since the fan-out: passing them counts them as no longer subscribed.</summary>
    public void Track(List<Recipient> recipients, IReadOnlySet<string> optedOut)
    {
        _recipients = recipients;
        _optedOut = optedOut;
    }

    /// <summary>
    /// Ends this handling's lease when it fails, keeping the claimed range (whose outcome is unknown), so that the
    /// trigger's retry takes the batch at once instead of deferring it as a new message: a batch that keeps failing must
    /// reach the poison queue after the queue's last attempt.
    /// </summary>
    public async Task ReleaseLeaseAsync()
    {
        if (Record.ClaimedBy != claimant || Record.Status != BatchState.Sending)
        {
            return;
        }

        Record.ClaimedUntil = time.GetUtcNow();
        try
        {
            await ledger.TryUpdateAsync(Record, CancellationToken.None);
        }
        catch (Azure.RequestFailedException)
        {
            // The lease then runs out by itself.
        }
    }

    /// <summary>When another sender's live claim on the batch runs out; null when nobody else holds it.</summary>
    public DateTimeOffset? HeldByAnother() =>
        Record.ClaimedBy is { } by && by != claimant && Record.ClaimedUntil > time.GetUtcNow() ? Record.ClaimedUntil : null;

    /// <summary>An earlier claim never settled (its sender died, or its request's fate is unknown): its recipients go again, counted as resent.</summary>
    public int TakeOverLapsedClaim()
    {
        if (Record.ClaimedBy is null || Record.ClaimTo <= Record.Progress)
        {
            return 0;
        }

        var lapsed = Record.ClaimTo - Record.Progress;
        _resent += lapsed;
        Record.Resent += lapsed;
        return lapsed;
    }

    /// <summary>Claims recipients <paramref name="from"/> to <paramref name="to"/> for this handling; false when another write came first.</summary>
    public Task<bool> TryClaimAsync(int from, int to, string transport)
    {
        Record.State = nameof(BatchState.Sending);
        Record.ClaimFrom = from;
        Record.ClaimTo = to;
        Record.ClaimedBy = claimant;
        Record.ClaimedUntil = time.GetUtcNow() + lease;
        Record.Transport = transport;
        return ledger.TryUpdateAsync(Record, cancellationToken);
    }

    /// <summary>The row as stored now, after a claim lost to another write.</summary>
    public async Task ReloadAsync() => Record = await ledger.GetBatchAsync(message.EditionId, message.Batch, cancellationToken) ?? Record;

    /// <summary>The claim held on through a wait of <paramref name="delay"/> before the next attempt.</summary>
    public Task ExtendClaimAsync(TimeSpan delay)
    {
        Record.ClaimedUntil = time.GetUtcNow() + delay + lease;
        return SaveOrThrowAsync();
    }

    public void CountSent(int count)
    {
        _sent += count;
        Record.Sent += count;
    }

    public void CountRetry()
    {
        _retries++;
        Record.Retries++;
    }

    /// <summary>A request whose outcome is unknown is repeated: the claimed recipients may get it twice.</summary>
    public void CountClaimResent()
    {
        _resent += Record.ClaimTo - Record.ClaimFrom;
        Record.Resent += Record.ClaimTo - Record.ClaimFrom;
    }

    /// <summary>A recipient the provider refused for good, with its reason: counted, and kept in the ledger.</summary>
    public async Task RecordRefusedAsync(Recipient recipient, string reason)
    {
        _failed++;
        Record.Failed++;
        await ledger.RecordFailedAsync(message.EditionId, message.Batch, recipient.Id, reason, time.GetUtcNow(), cancellationToken);
    }

    /// <summary>Moves progress to <paramref name="position"/>, counting the recipients passed on the way who are no longer subscribed.</summary>
    public void Advance(int position)
    {
        for (var i = Record.Progress; i < position; i++)
        {
            if (_optedOut?.Contains(_recipients[i].Id) == true)
            {
                _optedOutCount++;
                Record.OptedOut++;
            }
        }

        Record.Progress = Math.Max(Record.Progress, position);
    }

    public void ClearClaim()
    {
        Record.ClaimedBy = null;
        Record.ClaimedUntil = null;
        Record.ClaimFrom = Record.Progress;
        Record.ClaimTo = Record.Progress;
    }

    /// <summary>Ends the handling in <paramref name="state"/> with the claim released, and writes it.</summary>
    public Task SettleAsync(BatchState state, string? parkReason = null)
    {
        Record.State = state.ToString();
        if (state == BatchState.Sent)
        {
            Record.CompletedAt = time.GetUtcNow();
        }

        if (parkReason is not null)
        {
            Record.ParkReason = parkReason;
        }

        ClearClaim();
        return SaveOrThrowAsync();
    }

    /// <summary>Writes the record; when someone else changed it meanwhile our claim is gone, and this handling stops.</summary>
    public async Task SaveOrThrowAsync()
    {
        if (!await ledger.TryUpdateAsync(Record, cancellationToken))
        {
            throw new ClaimLostException($"Batch {message.Batch} of {message.EditionId} was changed by another sender while this one held it.");
        }
    }

    /// <summary>What this handling did; <paramref name="alreadySent"/> is what earlier handlings had sent.</summary>
    public BatchReport Report(int alreadySent) =>
        new(_sent, alreadySent, _optedOutCount) { Failed = _failed, Retries = _retries, Resent = _resent };
}
