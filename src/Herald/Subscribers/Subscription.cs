using System.Security.Cryptography;

namespace Herald.Subscribers;

/// <summary>One person's subscription to one newsletter, with the consent trail a regulator asks for.</summary>
public sealed class Subscription
{
    public SubscriberStatus Status { get; set; } = SubscriberStatus.Pending;

    /// <summary>How the subscription came about ("form", "cli", "import", "sample").</summary>
    public string Origin { get; set; } = "";

    /// <summary>When the subscription was asked for (double opt-in starts here).</summary>
    public DateTimeOffset RequestedAt { get; set; }

    public DateTimeOffset? ConfirmedAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>Why the subscription ended, when it did ("unsubscribe link", "bounce").</summary>
    public string? EndReason { get; set; }

    /// <summary>
    /// The pending request's nonce, which its confirm link carries: only that link confirms, once. A confirm link of an
    /// earlier request (or one used already) finds a different nonce, or none, and changes nothing.
    /// </summary>
    public uint? ConfirmNonce { get; set; }

    /// <summary>
    /// When the pending request's confirmation email went out; null while it has not. A sign-up whose handler died
    /// between storing the request and mailing it finds this empty on its retry (the same <see cref="RequestId"/>) and
    /// mails it then.
    /// </summary>
    public DateTimeOffset? ConfirmationSentAt { get; set; }

    /// <summary>The sign-up request that asked for the pending subscription: only its retries may mail the confirmation it owes.</summary>
    public string? RequestId { get; set; }

    /// <summary>A fresh request: pending, with a new nonce, so only the confirmation sent now confirms it.</summary>
    public Subscription Request(string origin, DateTimeOffset now, string? requestId = null)
    {
        Status = SubscriberStatus.Pending;
        Origin = origin;
        RequestedAt = now;
        ConfirmNonce = BitConverter.ToUInt32(RandomNumberGenerator.GetBytes(4)) | 1;
        ConfirmationSentAt = null;
        RequestId = requestId;
        return this;
    }

    /// <summary>Consent given: active from <paramref name="now"/>, with nothing of a pending request or an ending left.</summary>
    public void Activate(DateTimeOffset now)
    {
        Status = SubscriberStatus.Active;
        ConfirmedAt = now;
        EndedAt = null;
        EndReason = null;
        ConfirmNonce = null;
        ConfirmationSentAt = null;
        RequestId = null;
    }

    /// <summary>Ended (unsubscribed or suppressed) at <paramref name="now"/> for <paramref name="reason"/>; a pending request's link stops working.</summary>
    public void End(SubscriberStatus status, DateTimeOffset now, string reason)
    {
        Status = status;
        EndedAt = now;
        EndReason = reason;
        ConfirmNonce = null;
    }
}
