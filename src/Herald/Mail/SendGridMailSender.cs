using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace Herald.Mail;

/// <summary>Sends through the SendGrid v3 Mail Send API. Throttling and server errors are transient; other refusals are permanent.</summary>
public sealed class SendGridMailSender(IHttpClientFactory httpClientFactory, IOptions<MailOptions> options, ILogger<SendGridMailSender> logger) : IMailSender
{
    public const string HttpClientName = "herald-sendgrid";

    public async Task SendAsync(OutgoingEmail email, CancellationToken cancellationToken)
    {
        var clientOptions = new SendGridClientOptions { ApiKey = options.Value.SendGridApiKey };
        if (!string.IsNullOrWhiteSpace(options.Value.SendGridHost))
        {
            clientOptions.Host = options.Value.SendGridHost;
        }

        var client = new SendGridClient(httpClientFactory.CreateClient(HttpClientName), clientOptions);
        var message = MailHelper.CreateSingleEmail(
            new EmailAddress(email.FromAddress, string.IsNullOrEmpty(email.FromName) ? null : email.FromName),
            new EmailAddress(email.To),
            email.Subject,
            email.Text,
            email.Html);
        if (email.Headers.Count > 0)
        {
            message.AddHeaders(email.Headers.ToDictionary());
        }

        // Echoed back in event webhooks, so bounces and complaints find their subscriber.
        message.AddCustomArgs(new Dictionary<string, string>
        {
            ["herald_newsletter"] = email.NewsletterId,
            ["herald_subscriber"] = email.SubscriberId,
            ["herald_key"] = email.Key,
        });
        message.AddCategory(email.Category);

        var response = await client.SendEmailAsync(message, cancellationToken);
        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            logger.LogInformation("SendGrid accepted {Category} email for {Recipient} ({Status})", email.Category, EmailAddresses.Mask(email.To), status);
            return;
        }

        var body = await response.Body.ReadAsStringAsync(cancellationToken);
        var reason = $"SendGrid answered {status}: {Truncate(body, 500)}";
        if (response.StatusCode == HttpStatusCode.TooManyRequests || status >= 500)
        {
            throw new TransientDeliveryException(reason);
        }

        throw new PermanentDeliveryException(reason);
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max] + "…";
}
