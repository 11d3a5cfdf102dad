using System.Security.Cryptography;
using System.Text;
using Herald.Configuration;
using Herald.Links;
using Herald.Mail;
using Herald.Queues;
using Herald.Subscribers;
using Herald.Templates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Herald.Inbound;

/// <summary>
/// Acts on one inbound mail. A genuine "unsubscribe+TOKEN@" address unsubscribes at once, whatever else the mail is
/// (unsubscribing is always safe). Everything else can start mail to someone, so it needs a mail that is not from a
/// robot (auto-replies, bounces, list mail), passed SPF or DKIM, and scored under Inbound:MaxSpamScore. Then
/// "{newsletter}+subscribe@" (or "subscribe" as subject or first line to "{newsletter}@") queues the same double
/// opt-in as the web form, its confirmation going to the envelope sender; anything else to "{newsletter}@" gets one
/// short reply a day explaining the commands (with the reader's own unsubscribe link when they asked to leave).
/// </summary>
public sealed class InboundCommands(
    IOptions<InboundOptions> options,
    IOptions<HeraldOptions> herald,
    SubscriptionService subscriptions,
    SubscriberStore subscribers,
    SubscriberTokens tokens,
    SiteLinks links,
    SignUpQueue signUps,
    InboundLog log,
    TemplateCatalog templates,
    IMailSender mail,
    TimeProvider time,
    ILogger<InboundCommands> logger)
{
    private static readonly string[] RobotPrecedence = ["bulk", "list", "junk", "auto_reply"];
    private static readonly string[] RobotMailboxes = ["mailer-daemon", "postmaster", "noreply", "no-reply", "donotreply", "do-not-reply", "bounce", "bounces"];

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
            return await subscriptions.UnsubscribeAsync(unsubscribe.Token, "unsubscribe mail", cancellationToken) switch
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

        if (RobotReason(message) is { } robot)
        {
            return new InboundOutcome(InboundOutcome.Ignored, robot);
        }

        if (DistrustReason(message) is { } distrust)
        {
            return new InboundOutcome(InboundOutcome.Ignored, distrust);
        }

        if (EmailAddresses.Parse(message.EnvelopeFrom) is not var (sender, _))
        {
            return new InboundOutcome(InboundOutcome.Ignored, "the envelope sender is not an address");
        }

        var newsletter = herald.Value.Newsletters.First(n => n.Id == newsletterId);
        var command = target.Kind == InboundAddressKind.Subscribe ? "subscribe" : CommandOf(message);
        return command == "subscribe"
            ? await SubscribeAsync(newsletter, sender, message, mayRequest, cancellationToken)
            : await ReplyAsync(newsletter, sender, message, askedToLeave: command == "unsubscribe", cancellationToken);
    }

    private async Task<InboundOutcome> SubscribeAsync(NewsletterOptions newsletter, string sender, InboundMessage message, Func<string, bool> mayRequest, CancellationToken cancellationToken)
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

    private async Task<InboundOutcome> ReplyAsync(NewsletterOptions newsletter, string sender, InboundMessage message, bool askedToLeave, CancellationToken cancellationToken)
    {
        var id = EmailAddresses.IdOf(sender);
        if (!await log.TryClaimReplyAsync(newsletter.Id, id, cancellationToken))
        {
            return new InboundOutcome(InboundOutcome.Help, "already replied to this address today");
        }

        var subscriber = await subscribers.GetAsync(id, cancellationToken);
        var active = subscriber?.StatusFor(newsletter.Id) == SubscriberStatus.Active;
        var domain = options.Value.ParseDomain!.Trim();
        var model = new
        {
            Newsletter = NewsletterView.Of(newsletter),
            AskedToLeave = askedToLeave,
            UnsubscribeUrl = active ? links.Unsubscribe(tokens.Create(TokenPurpose.Unsubscribe, newsletter.Id, id)) : null,
            PreferencesUrl = subscriber is null ? null : links.Preferences(tokens.Create(TokenPurpose.Preferences, newsletter.Id, id)),
            SubscribeAddress = InboundAddresses.Subscribe(newsletter.Id, domain),
            NewsletterAddress = InboundAddresses.Newsletter(newsletter.Id, domain),
            SubscribePage = links.SubscribePage(newsletter.Id),
            ArchiveUrl = links.ArchiveIndex(newsletter.Id),
        };
        var headers = new Dictionary<string, string> { ["Auto-Submitted"] = "auto-replied" };
        if (message.MessageId is { } messageId)
        {
            headers["In-Reply-To"] = messageId;
            headers["References"] = messageId;
        }

        await mail.SendAsync(
            new OutgoingEmail
            {
                Key = $"{newsletter.Id}/replies/{id}-{time.GetUtcNow():yyyyMMdd}",
                Category = "reply",
                NewsletterId = newsletter.Id,
                SubscriberId = id,
                FromAddress = newsletter.FromAddress,
                FromName = newsletter.FromName,
                To = sender,
                Subject = ReplySubject(message.Subject, newsletter.Title),
                Html = templates.Render("reply.html.scriban", model),
                Text = templates.Render("reply.txt.scriban", model),
                Headers = headers,
            },
            cancellationToken);
        return new InboundOutcome(InboundOutcome.Help, askedToLeave ? "replied with the reader's unsubscribe link" : "replied with the commands");
    }

    /// <summary>Why the mail looks sent by a program (a reply would start two robots answering each other); null when it does not.</summary>
    public static string? RobotReason(InboundMessage message)
    {
        if (message.EnvelopeFrom.Trim() is "" or "<>")
        {
            return "a delivery report (empty envelope sender)";
        }

        if (message.Header("auto-submitted") is { } auto && !auto.Trim().StartsWith("no", StringComparison.OrdinalIgnoreCase))
        {
            return $"an automatic message (Auto-Submitted: {Short(auto)})";
        }

        if (message.Header("precedence") is { } precedence && RobotPrecedence.Contains(precedence.Trim().ToLowerInvariant()))
        {
            return $"bulk or list mail (Precedence: {Short(precedence)})";
        }

        if (message.Header("list-id") is not null || message.Header("list-unsubscribe") is not null)
        {
            return "mail from a mailing list";
        }

        if (message.Header("x-autoreply") is not null || message.Header("x-autorespond") is not null)
        {
            return "an auto-reply";
        }

        if (message.Header("x-failed-recipients") is not null || message.Header("content-type")?.Contains("multipart/report", StringComparison.OrdinalIgnoreCase) == true)
        {
            return "a bounce";
        }

        var local = message.EnvelopeFrom.Trim().Trim('<', '>').Split('@')[0].ToLowerInvariant();
        return RobotMailboxes.Contains(local) ? "sent from a robot's mailbox" : null;
    }

    /// <summary>Why the sender cannot be believed; null when SPF or DKIM passed and the spam score is under the limit.</summary>
    private string? DistrustReason(InboundMessage message)
    {
        var spf = message.Spf?.Trim().Equals("pass", StringComparison.OrdinalIgnoreCase) == true;
        var dkim = message.Dkim?.Contains(": pass", StringComparison.OrdinalIgnoreCase) == true || message.Dkim?.Contains(":pass", StringComparison.OrdinalIgnoreCase) == true;
        if (!spf && !dkim)
        {
            return "neither SPF nor DKIM passed, so the sender may be forged";
        }

        return message.SpamScore > options.Value.MaxSpamScore ? $"spam score {message.SpamScore:0.#} is over {options.Value.MaxSpamScore:0.#}" : null;
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

    private static string ReplySubject(string subject, string title)
    {
        var clean = new string([.. subject.Where(c => !char.IsControl(c))]).Trim();
        if (clean.Length == 0)
        {
            return $"About {title}";
        }

        clean = clean.Length <= 120 ? clean : clean[..120];
        return clean.StartsWith("re:", StringComparison.OrdinalIgnoreCase) ? clean : "Re: " + clean;
    }

    private static string Short(string value) => value.Length <= 40 ? value : value[..40];
}
