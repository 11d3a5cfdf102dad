using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Herald.Mail;

/// <summary>
/// Sends through SendGrid's v3 mail/send: one request per up to 1,000 recipients, the bodies once, each recipient's
/// links as substitutions. Answers become results: 2xx sent, 429 throttled (with SendGrid's reset time), 5xx and a
/// refused connection transient, a 400 naming recipients' addresses refuses those recipients only, other 4xx
/// permanent, and no answer at all unknown (SendGrid may have taken it).
/// </summary>
public sealed partial class SendGridTransport(IHttpClientFactory httpClientFactory, IOptions<DeliveryOptions> options, TimeProvider time, ILogger<SendGridTransport> logger) : IMailTransport
{
    public const string HttpClientName = "herald-sendgrid";
    public const int MaxPersonalizations = 1000;

    private static readonly ConditionalWeakTable<MailContent, SendGridRequestWriter.TaggedContent> Tagged = [];

    public string Name => "SendGrid";

    public int MaxRecipientsPerRequest => MaxPersonalizations;

    public async Task<TransportResult> SendAsync(MailRequest request, CancellationToken cancellationToken)
    {
        if (request.Recipients.Count is 0 or > MaxPersonalizations)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.Recipients.Count, $"A SendGrid request carries 1 to {MaxPersonalizations} recipients.");
        }

        var settings = options.Value;
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(settings.SendGridHost ?? "https://api.sendgrid.com"), "/v3/mail/send"))
        {
            Content = Body(request, settings),
        };
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.SendGridApiKey);

        HttpResponseMessage response;
        try
        {
            response = await httpClientFactory.CreateClient(HttpClientName).SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (HttpRequestException ex) when (ex.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError)
        {
            return new TransportResult(0, TransportOutcome.Transient, $"SendGrid could not be reached ({ex.Message})");
        }
        catch (HttpRequestException ex)
        {
            return new TransportResult(0, TransportOutcome.Unknown, $"the connection to SendGrid failed during the request ({ex.Message}); SendGrid may have taken it");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new TransportResult(0, TransportOutcome.Unknown, $"SendGrid did not answer within {settings.SendGridTimeout.TotalSeconds:0} s; it may have taken the request");
        }

        using (response)
        {
            return await InterpretAsync(response, request.Recipients.Count, cancellationToken);
        }
    }

    private static HttpContent Body(MailRequest request, DeliveryOptions settings)
    {
        var tagged = Tagged.GetValue(request.Content, content => new SendGridRequestWriter.TaggedContent(content));
        var json = new ArrayBufferWriter<byte>(64 * 1024 + (request.Recipients.Count * 512));
        SendGridRequestWriter.Write(json, request, tagged, settings.SendGridSandbox);
        if (!settings.SendGridGzip)
        {
            var plain = new ReadOnlyMemoryContent(json.WrittenMemory);
            plain.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            return plain;
        }

        var compressed = new MemoryStream(json.WrittenCount / 4);
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(json.WrittenSpan);
        }

        var body = new ByteArrayContent(compressed.GetBuffer(), 0, (int)compressed.Length);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        body.Headers.ContentEncoding.Add("gzip");
        return body;
    }

    private async Task<TransportResult> InterpretAsync(HttpResponseMessage response, int count, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            logger.LogInformation("SendGrid accepted {Count} recipients ({Status})", count, status);
            return TransportResult.Sent(count);
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var reason = $"SendGrid answered {status}: {Shorten(body, 300)}";
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            return new TransportResult(0, TransportOutcome.Throttled, reason, RetryAfter(response));
        }

        if (status >= 500)
        {
            return new TransportResult(0, TransportOutcome.Transient, reason);
        }

        if (response.StatusCode == HttpStatusCode.BadRequest && RefusedRecipients(body, count) is { Count: > 0 } refused)
        {
            return new TransportResult(0, TransportOutcome.RecipientsRefused, reason, Refused: refused);
        }

        return new TransportResult(0, TransportOutcome.Permanent, reason);
    }

    /// <summary>Retry-After (seconds or a date) if given, else SendGrid's X-RateLimit-Reset (epoch seconds).</summary>
    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter is { } retry)
        {
            return retry.Delta ?? (retry.Date - time.GetUtcNow());
        }

        if (response.Headers.TryGetValues("X-RateLimit-Reset", out var values)
            && long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var reset))
        {
            var wait = DateTimeOffset.FromUnixTimeSeconds(reset) - time.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    /// <summary>
    /// The recipients a 400 names ("field": "personalizations.3.to.0.email"), when every error names one; a 400
    /// about anything else refuses the whole request.
    /// </summary>
    private static Dictionary<int, string>? RefusedRecipients(string body, int count)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (!document.RootElement.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var refused = new Dictionary<int, string>();
            foreach (var error in errors.EnumerateArray())
            {
                var field = error.TryGetProperty("field", out var f) ? f.GetString() : null;
                var match = field is null ? null : RecipientField().Match(field);
                if (match is not { Success: true } || !int.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= count)
                {
                    return null;
                }

                refused[index] = error.TryGetProperty("message", out var m) ? m.GetString() ?? "refused" : "refused";
            }

            return refused;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..max] + "…";

    [GeneratedRegex(@"^personalizations\.(\d+)\.(to|cc|bcc)\b")]
    private static partial Regex RecipientField();
}
