using Azure;
using Herald.Inbound;
using Herald.Mail;
using Herald.Site.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Herald.Site.Handlers;

/// <summary>
/// POST /api/inbound/email: SendGrid Inbound Parse. Credentials are checked before the body is read, the signature
/// (when a key is set) before it is parsed: 401 when missing, 403 when wrong, stale or replayed. The body is capped
/// while it streams (413). A request that is not an Inbound Parse post is a 4xx; a mail Herald does not act on is
/// still a 200 (SendGrid retries anything else for days) with the reason; storage down is a 503, which it retries.
/// </summary>
public sealed class InboundEmailHandler(
    InboundAuthenticator authenticator,
    InboundCommands commands,
    InboundLog log,
    SignUpLimits limits,
    IOptions<InboundOptions> options,
    ILogger<InboundEmailHandler> logger) : ISiteHandler
{
    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var request = context.Request;
        if (!options.Value.Enabled)
        {
            return SiteResults.JsonError(404, "This installation receives no mail (Inbound:ParseDomain is not set).");
        }

        if (!authenticator.HasCredentials(request.Headers.Authorization))
        {
            logger.LogWarning("Refused an inbound mail post: missing or wrong credentials");
            return new ChallengeResult(SiteResults.JsonError(401, "Credentials are missing or wrong: put the secret in the webhook URL (https://herald:SECRET@host/api/inbound/email)."));
        }

        var (body, refusal) = await RequestReader.ReadBytesAsync(request, options.Value.MaxRequestBytes, cancellationToken);
        if (body is null)
        {
            return SiteResults.JsonError(refusal!.Status, refusal.Message);
        }

        string? signature = null;
        if (authenticator.RequiresSignature)
        {
            signature = request.Headers[SendGridWebhookVerifier.SignatureHeader];
            var verdict = authenticator.VerifySignature(body, signature, request.Headers[SendGridWebhookVerifier.TimestampHeader]);
            if (verdict != WebhookVerdict.Genuine)
            {
                logger.LogWarning("Refused an inbound mail post: {Verdict}", verdict);
                return verdict == WebhookVerdict.MissingSignature
                    ? SiteResults.JsonError(401, "The request is not signed: the signature and timestamp headers are missing or unreadable.")
                    : SiteResults.JsonError(403, verdict == WebhookVerdict.Stale ? "The request's timestamp is too old or in the future." : "The signature does not match.");
            }
        }

        try
        {
            if (signature is not null && await log.HasSeenSignatureAsync(signature, cancellationToken))
            {
                logger.LogWarning("Refused an inbound mail post: its signature was used before");
                return SiteResults.JsonError(403, "This signed request was received before.");
            }

            var (message, malformed) = await InboundParseReader.ReadAsync(body, request.ContentType, cancellationToken);
            if (message is null)
            {
                return SiteResults.JsonError(malformed!.Status, malformed.Message);
            }

            var outcome = await commands.HandleAsync(message, address => limits.ForAddress(address) is null, cancellationToken);
            if (signature is not null)
            {
                await log.RememberSignatureAsync(signature, cancellationToken);
            }

            return SiteResults.Json(200, new { kind = outcome.Kind, result = outcome.Result });
        }
        catch (RequestFailedException ex)
        {
            logger.LogError("Storage failed while taking in an inbound mail ({Status}); SendGrid will retry", ex.Status);
            return SiteResults.WithRetryAfter(SiteResults.JsonError(503, "Storage is unavailable; send again later."), TimeSpan.FromMinutes(1));
        }
    }

    /// <summary>A 401 that names the scheme, so clients that wait for a challenge send the URL's credentials.</summary>
    private sealed class ChallengeResult(IResult inner) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.WWWAuthenticate = "Basic realm=\"herald-inbound\", charset=\"UTF-8\"";
            return inner.ExecuteAsync(httpContext);
        }
    }
}
