using Herald.Configuration;
using Herald.Mail;
using Herald.Subscribers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Herald.Inbound;

/// <summary>
/// Acts on one inbound mail. A genuine "unsubscribe+TOKEN@" address unsubscribes at once, whatever else the mail is
/// (unsubscribing is always safe). Everything else can start mail to someone, so it needs a mail that is not from a
/// robot and comes from a sender who can be believed (<see cref="InboundTrust"/>). Then "{newsletter}+subscribe@" (or
/// "subscribe" as subject or first line to "{newsletter}@") queues the same double opt-in as the web form; anything else
/// to "{newsletter}@" gets one short reply a day explaining the commands.
/// </summary>
public sealed class InboundCommands(
    IOptions<InboundOptions> options,
    IOptions<HeraldOptions> herald,
    OptOutService optOuts,
    InboundSignUps signUps,
    InboundReplies replies,
    InboundLog log,
    ILogger<InboundCommands> logger)
{
    /// <param name="mayRequest">Whether an address may ask for a sign-up now (the site's per-address limits, shared with the form).</param>
    public async Task<InboundOutcome> HandleAsync(InboundMessage message, Func<string, bool> mayRequest, CancellationToken cancellationToken)
    {
        var outcome = await DecideAsync(message, mayRequest, cancellationToken);
        await log.RecordAsync(outcome, cancellationToken);
        logger.LogInformation("Inbound mail ({Variant}): {Kind} - {Result}", message.Raw ? "raw" : "parsed", outcome.Kind, outcome.Result);
        return outcome;
    }

    private async Task<InboundOutcome> DecideAsync(InboundMessage message, Func<string, bool> mayRequest, CancellationToken cancellationToken)
    {
        var domain = options.Value.ParseDomain!.Trim();
        var known = herald.Value.Newsletters.Select(n => n.Id).ToList();
        var addressed = message.Recipients.Select(r => InboundAddresses.Read(r, domain, known)).Where(a => a.Kind != InboundAddressKind.Unknown).ToList();
        if (addressed.FirstOrDefault(a => a.Kind == InboundAddressKind.Unsubscribe) is { } unsubscribe)
        {
            return await optOuts.UnsubscribeAsync(unsubscribe.Token, "unsubscribe mail", cancellationToken) switch
            {
                ChangeOutcome.Done => new InboundOutcome(InboundOutcome.Unsubscribe, "unsubscribed"),
                ChangeOutcome.InvalidLink => new InboundOutcome(InboundOutcome.Ignored, "the unsubscribe address's token is not genuine"),
                _ => new InboundOutcome(InboundOutcome.Unsubscribe, "already unsubscribed"),
            };
        }

        if (addressed.FirstOrDefault() is not { NewsletterId: { } newsletterId } target)
        {
            return new InboundOutcome(InboundOutcome.Ignored, "not addressed to one of Herald's addresses");
        }

        if ((InboundTrust.RobotReason(message) ?? InboundTrust.DistrustReason(message, options.Value.MaxSpamScore)) is { } refusal)
        {
            return new InboundOutcome(InboundOutcome.Ignored, refusal);
        }

        if (EmailAddresses.Parse(message.EnvelopeFrom) is not var (sender, _))
        {
            return new InboundOutcome(InboundOutcome.Ignored, "the envelope sender is not an address");
        }

        var newsletter = herald.Value.Newsletters.First(n => n.Id == newsletterId);
        var command = target.Kind == InboundAddressKind.Subscribe ? "subscribe" : CommandOf(message);
        return command == "subscribe"
            ? await signUps.QueueAsync(newsletter, sender, message, mayRequest, cancellationToken)
            : await replies.ReplyAsync(newsletter, sender, message, askedToLeave: command == "unsubscribe", domain, cancellationToken);
    }

    /// <summary>"subscribe", "unsubscribe" or "help", from the subject or else the first line written (quotes skipped).</summary>
    public static string CommandOf(InboundMessage message)
    {
        var firstLine = message.Body.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0 && !l.StartsWith('>')) ?? "";
        foreach (var candidate in new[] { message.Subject, firstLine })
        {
            var words = candidate.ToLowerInvariant().Split([' ', '\t', ':', ',', '.', '!', '?', '"', '\''], StringSplitOptions.RemoveEmptyEntries)
                .SkipWhile(w => w is "re" or "fwd" or "fw" or "aw" or "sv" or "please").ToList();
            if (words.Count is > 0 and <= 6 && words[0] is "subscribe" or "unsubscribe" or "help")
            {
                return words[0];
            }
        }

        return "help";
    }
}
