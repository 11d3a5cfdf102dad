using System.Text.Json;
using Herald.Mail;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SendGrid.Helpers.EventWebhook;

namespace Herald.Subscribers;

/// <summary>
/// SendGrid's signed event webhook: verifies the ECDSA signature over timestamp and body, then stops mail to
/// addresses that bounced, were dropped, reported spam or unsubscribed at the provider.
/// </summary>
public sealed class SendGridEventProcessor(SubscriptionService subscriptions, IOptions<MailOptions> options, ILogger<SendGridEventProcessor> logger)
{
    public const int MaxBodyBytes = 1024 * 1024;
    public const int MaxEvents = 5000;

    private static readonly Dictionary<string, string> Stopping = new(StringComparer.Ordinal)
    {
        ["bounce"] = "bounce",
        ["dropped"] = "dropped by provider",
        ["spamreport"] = "spam report",
        ["unsubscribe"] = "unsubscribed at provider",
        ["group_unsubscribe"] = "unsubscribed at provider",
    };

    public async Task<(WebhookOutcome Outcome, int Applied)> ProcessAsync(string body, string? signature, string? timestamp, CancellationToken cancellationToken)
    {
        var key = options.Value.SendGridWebhookPublicKey;
        if (string.IsNullOrWhiteSpace(key))
        {
            logger.LogWarning("Refused SendGrid events: Delivery:SendGridWebhookPublicKey is not set");
            return (WebhookOutcome.Unauthorized, 0);
        }

        if (string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(timestamp) || body.Length > MaxBodyBytes || !Verify(key, body, signature, timestamp))
        {
            return (WebhookOutcome.Unauthorized, 0);
        }

        List<JsonElement>? events;
        try
        {
            events = JsonSerializer.Deserialize<List<JsonElement>>(body);
        }
        catch (JsonException)
        {
            return (WebhookOutcome.BadRequest, 0);
        }

        if (events is null || events.Count > MaxEvents)
        {
            return (WebhookOutcome.BadRequest, 0);
        }

        var applied = 0;
        foreach (var item in events)
        {
            if (item.ValueKind != JsonValueKind.Object
                || !TryGet(item, "event", out var name) || !Stopping.TryGetValue(name, out var reason)
                || !TryGet(item, "herald_newsletter", out var newsletterId) || SubscriberOf(item) is not { } subscriberId)
            {
                continue;
            }

            if (name == "bounce" && TryGet(item, "type", out var type) && type == "blocked")
            {
                continue; // A block is temporary (reputation, content); the address itself is fine.
            }

            if (await subscriptions.SuppressAsync(newsletterId, subscriberId, reason, cancellationToken) == ChangeOutcome.Done)
            {
                applied++;
            }
        }

        return (WebhookOutcome.Accepted, applied);
    }

    private bool Verify(string key, string body, string signature, string timestamp)
    {
        try
        {
            var validator = new RequestValidator();
            return validator.VerifySignature(validator.ConvertPublicKeyToECDSA(key), body, signature, timestamp);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or System.Security.Cryptography.CryptographicException)
        {
            logger.LogWarning("Refused SendGrid events: signature or key unreadable ({Error})", ex.GetType().Name);
            return false;
        }
    }

    /// <summary>Herald's subscriber id rides along as a custom argument on single emails; digests carry only the address, whose hash is the id.</summary>
    private static string? SubscriberOf(JsonElement item) =>
        TryGet(item, "herald_subscriber", out var id) ? id
        : TryGet(item, "email", out var email) && EmailAddresses.Normalize(email) is { } address ? EmailAddresses.IdOf(address)
        : null;

    private static bool TryGet(JsonElement item, string property, out string value)
    {
        value = item.TryGetProperty(property, out var element) && element.ValueKind == JsonValueKind.String ? element.GetString() ?? "" : "";
        return value.Length > 0;
    }
}
