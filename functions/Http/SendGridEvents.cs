using Herald.Links;
using Herald.Subscribers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Herald.Functions.Http;

/// <summary>SendGrid's signed event webhook: bounces, drops and complaints stop further mail.</summary>
public sealed class SendGridEvents(SendGridEventProcessor processor)
{
    [Function(nameof(SendGridEvents))]
    public async Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.SendGridEvents)] HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > SendGridEventProcessor.MaxBodyBytes)
        {
            return new StatusCodeResult(StatusCodes.Status413PayloadTooLarge);
        }

        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(cancellationToken);
        var (outcome, _) = await processor.ProcessAsync(
            body,
            request.Headers["X-Twilio-Email-Event-Webhook-Signature"],
            request.Headers["X-Twilio-Email-Event-Webhook-Timestamp"],
            cancellationToken);
        return outcome switch
        {
            WebhookOutcome.Accepted => new OkResult(),
            WebhookOutcome.Unauthorized => new UnauthorizedResult(),
            _ => new BadRequestResult(),
        };
    }
}
