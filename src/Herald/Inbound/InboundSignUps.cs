using System.Security.Cryptography;
using System.Text;
using Herald.Configuration;
using Herald.Queues;

namespace Herald.Inbound;

/// <summary>"Subscribe" by mail: the same double opt-in as the web form, queued, its confirmation going to the envelope sender.</summary>
public sealed class InboundSignUps(SignUpQueue signUps, TimeProvider time)
{
    public async Task<InboundOutcome> QueueAsync(NewsletterOptions newsletter, string sender, InboundMessage message, Func<string, bool> mayRequest, CancellationToken cancellationToken)
    {
        if (!mayRequest(sender))
        {
            return new InboundOutcome(InboundOutcome.Ignored, "this address asked several times just now");
        }

        // The same mail posted again (SendGrid retries) is the same request: its confirmation is not sent twice.
        var requestId = message.MessageId is { } id
            ? Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{newsletter.Id}\n{sender}\n{id}")))[..32].ToLowerInvariant()
            : Guid.NewGuid().ToString("N");
        var name = string.Equals(message.From, sender, StringComparison.OrdinalIgnoreCase) ? message.FromName : null;
        await signUps.EnqueueAsync(new SignUpRequest(newsletter.Id, sender, name, "email", null, time.GetUtcNow(), requestId), cancellationToken);
        return new InboundOutcome(InboundOutcome.Subscribe, "sign-up queued; the confirmation goes to the envelope sender");
    }
}
