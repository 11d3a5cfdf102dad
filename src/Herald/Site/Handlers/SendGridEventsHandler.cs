using Azure;
using Herald.Delivery;
using Herald.Mail;
using Herald.Site.Http;
using Herald.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Herald.Site.Handlers;

/// <summary>
/// POST /api/events/sendgrid: SendGrid's signed event webhook. The body is read within Site:MaxWebhookBytes, the
/// signature and timestamp checked before it is parsed (401 when missing, 403 when forged or stale), then each
/// event acted on once. Every malformed request is a 4xx; storage being down is a 503, which SendGrid retries.
/// </summary>
public sealed class SendGridEventsHandler(SendGridWebhookVerifier verifier, ProviderEventProcessor processor, IOptions<SiteOptions> options, ILogger<SendGridEventsHandler> logger) : ISiteHandler
{
    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var request = context.Request;
        if (request.ContentType is not { } type || !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return SiteResults.JsonError(415, "SendGrid events are JSON (application/json).");
        }

        var (body, refusal) = await RequestReader.ReadBytesAsync(request, options.Value.MaxWebhookBytes, cancellationToken);
        if (body is null)
        {
            return SiteResults.JsonError(refusal!.Status, refusal.Message);
        }

        var verdict = verifier.Verify(body, request.Headers[SendGridWebhookVerifier.SignatureHeader], request.Headers[SendGridWebhookVerifier.TimestampHeader]);
        if (verdict != WebhookVerdict.Genuine)
        {
            logger.LogWarning("Refused a SendGrid webhook request: {Verdict}", verdict);
            return verdict switch
            {
                WebhookVerdict.MissingSignature => SiteResults.JsonError(401, "The request is not signed: the signature and timestamp headers are missing or unreadable."),
                WebhookVerdict.NotConfigured => SiteResults.JsonError(403, "Events are refused: no webhook verification key is configured (Delivery:SendGridWebhookPublicKey)."),
                WebhookVerdict.Stale => SiteResults.JsonError(403, "The request's timestamp is too old or in the future."),
                _ => SiteResults.JsonError(403, "The signature does not match."),
            };
        }

        if (StrictText.BytesProblem(body) is { } bytes)
        {
            return SiteResults.JsonError(400, bytes);
        }

        if (ProviderEventProcessor.Read(body) is not { } events)
        {
            return SiteResults.JsonError(400, $"The body is not SendGrid events: a JSON array (or one object) of at most {ProviderEventProcessor.MaxEvents} events, every string valid Unicode without NUL.");
        }

        try
        {
            var report = await processor.ProcessAsync(events, cancellationToken);
            return SiteResults.Json(200, report);
        }
        catch (RequestFailedException ex)
        {
            logger.LogError("Storage failed while taking in SendGrid events ({Status}); SendGrid will retry", ex.Status);
            return SiteResults.WithRetryAfter(SiteResults.JsonError(503, "Storage is unavailable; send again later."), TimeSpan.FromMinutes(1));
        }
    }
}
