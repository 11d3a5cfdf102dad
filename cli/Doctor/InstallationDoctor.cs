using System.Net.Http.Headers;
using System.Text.Json;
using Herald.Articles;
using Herald.Collecting;
using Herald.Collecting.Fetching;
using Herald.Configuration;
using Herald.Editions.Rendering;
using Herald.Editions.Scheduling;
using Herald.Editions.Stories;
using Herald.Inbound;
using Herald.Mail;
using Herald.Storage;
using Herald.Templates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Herald.Cli.Doctor;

/// <summary>
/// "Is this installation ready to send?", asked without sending anything: storage answers, every template parses and
/// a sample edition renders with each newsletter's template, each source answers or is a readable file, the mail
/// transport has what it needs (and, online, SendGrid accepts the key for mail.send), the webhook and inbound keys
/// are set, links in emails would be https, and each sending domain publishes SPF, DKIM and DMARC (when DNS answers). The configuration itself was validated when the host started.
/// </summary>
public sealed class InstallationDoctor(IServiceProvider services)
{
    private static readonly TimeSpan StorageWait = TimeSpan.FromSeconds(15);

    /// <param name="dnsServer">The resolver to ask about the sending domains (null: the system's).</param>
    public async Task<IReadOnlyList<DoctorCheck>> CheckAsync(string configFile, bool online, CancellationToken cancellationToken, System.Net.IPEndPoint? dnsServer = null)
    {
        var herald = Get<IOptions<HeraldOptions>>().Value;
        var sources = Get<IOptions<HeraldOptions>>().Value.AllSources().ToList();
        var checks = new List<DoctorCheck>
        {
            new("configuration", true, $"{configFile}: {herald.Newsletters.Count} newsletters, {sources.Count} sources"),
            await StorageAsync(),
        };
        checks.AddRange(Templates(herald));
        checks.AddRange(await Task.WhenAll(sources.Select(s => SourceAsync(s, cancellationToken))));
        checks.AddRange(await MailAsync(online, cancellationToken));
        checks.Add(Inbound());
        checks.Add(PublicUrl(herald));
        var domains = herald.Newsletters.Select(n => n.FromAddress.Split('@')[^1].ToLowerInvariant()).Distinct(StringComparer.Ordinal);
        var dns = new SenderDomainCheck(dnsServer);
        var sending = Get<IOptions<DeliveryOptions>>().Value.Mode != DeliveryMode.Outbox;
        foreach (var domain in domains)
        {
            checks.Add(!sending
                ? new DoctorCheck($"sending domain: {domain}", null, "not checked in outbox mode (nothing is sent)")
                : SenderDomainCheck.IsReserved(domain)
                    ? new DoctorCheck($"sending domain: {domain}", null, "a reserved example domain: use your own domain in FromAddress before sending")
                    : await dns.CheckAsync(domain, cancellationToken));
        }

        return checks;
    }

    private T Get<T>() where T : notnull => services.GetRequiredService<T>();

    private async Task<DoctorCheck> StorageAsync()
    {
        var connection = Get<IConfiguration>()[StorageOptions.ConnectionName] ?? "";
        var storage = Get<HeraldStorage>();
        var which = $"{storage.Subscribers.Uri.GetLeftPart(UriPartial.Authority)}{(connection.Contains("UseDevelopmentStorage", StringComparison.OrdinalIgnoreCase) ? " (Azurite)" : "")}";
        var created = storage.EnsureCreatedAsync();
        if (await Task.WhenAny(created, Task.Delay(StorageWait)) != created)
        {
            return new DoctorCheck("storage", false, $"{which} did not answer within {StorageWait.TotalSeconds:0} s: start Azurite, or check HeraldStorage.");
        }

        try
        {
            await created;
            return new DoctorCheck("storage", true, $"{which} answers; containers, queues and tables are there");
        }
        catch (Exception ex)
        {
            return new DoctorCheck("storage", false, $"{which}: {ex.Message.Split('\n')[0]} - check HeraldStorage.");
        }
    }

    private IEnumerable<DoctorCheck> Templates(HeraldOptions herald)
    {
        var directory = TemplateCatalog.ResolveDirectory(herald.TemplateDirectory);
        var errors = Directory.EnumerateFiles(directory, "*.scriban").SelectMany(TemplateCatalog.Check).ToList();
        yield return errors.Count == 0
            ? new DoctorCheck("templates", true, $"every template in {directory} parses")
            : new DoctorCheck("templates", false, string.Join("; ", errors));
        if (errors.Count > 0)
        {
            yield break;
        }

        foreach (var newsletter in herald.Newsletters)
        {
            DoctorCheck check;
            try
            {
                var rendered = Get<DigestRenderer>().Render(newsletter, NewsletterSchedule.For(newsletter).SlotAt(DateTimeOffset.UtcNow), $"{newsletter.Id}-doctor", SampleEdition.For(newsletter, DateTimeOffset.UtcNow));
                check = rendered.StyleWarnings.Count == 0
                    ? new DoctorCheck($"sample edition: {newsletter.Id}", true, $"'{newsletter.Template}' renders ({rendered.Html.Length:N0} characters of HTML, {rendered.Text.Length:N0} of text)")
                    : new DoctorCheck($"sample edition: {newsletter.Id}", false, "the stylesheet could not be inlined: " + string.Join("; ", rendered.StyleWarnings));
            }
            catch (Exception ex)
            {
                check = new DoctorCheck($"sample edition: {newsletter.Id}", false, $"'{newsletter.Template}' does not render: {ex.Message.Split('\n')[0]}");
            }

            yield return check;
        }
    }

    private async Task<DoctorCheck> SourceAsync(FeedSourceOptions source, CancellationToken cancellationToken)
    {
        var name = $"source: {source.Name}";
        try
        {
            if (source.File is { } file)
            {
                var parsed = FeedParser.Parse(await File.ReadAllBytesAsync(file, cancellationToken), null);
                return new DoctorCheck(name, true, $"{file}: {parsed.Items.Count} items");
            }

            var url = new Uri(source.Url!);
            var fetched = await Get<WebFetcher>().FetchAsync(new FetchRequest(url, Get<IOptions<CollectingOptions>>().Value.MaxFeedBytes, source.AllowPrivateNetwork, AllowOwnPort: true), cancellationToken);
            return new DoctorCheck(name, true, $"{url} answers: {FeedParser.Parse(fetched.Content, fetched.FinalUrl, fetched.Charset).Items.Count} items");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new DoctorCheck(name, false, $"{source.Url ?? source.File}: {ex.Message.Split('\n')[0]}");
        }
    }

    private async Task<IEnumerable<DoctorCheck>> MailAsync(bool online, CancellationToken cancellationToken)
    {
        var mail = Get<IOptions<DeliveryOptions>>().Value;
        switch (mail.Mode)
        {
            case DeliveryMode.Outbox:
                return [new DoctorCheck("mail", true, $"outbox mode: digests are written to {mail.OutboxDirectory}, nothing is sent")];
            case DeliveryMode.Smtp:
                return [new DoctorCheck("mail", !string.IsNullOrWhiteSpace(mail.SmtpHost), $"SMTP to {mail.SmtpHost}:{mail.SmtpPort}")];
        }

        var checks = new List<DoctorCheck>
        {
            string.IsNullOrWhiteSpace(mail.SendGridApiKey)
                ? new DoctorCheck("SendGrid key", false, "Delivery:SendGridApiKey is not set.")
                : new DoctorCheck("SendGrid key", true, "set" + (online ? "" : " (add --online to ask SendGrid whether it may send)")),
            new DoctorCheck("SendGrid webhook key", !string.IsNullOrWhiteSpace(mail.SendGridWebhookPublicKey), "Delivery:SendGridWebhookPublicKey " + (string.IsNullOrWhiteSpace(mail.SendGridWebhookPublicKey) ? "is not set: bounces and complaints would not be heard." : "is set")),
        };
        if (online && !string.IsNullOrWhiteSpace(mail.SendGridApiKey))
        {
            checks.Add(await ScopesAsync(mail, cancellationToken));
        }

        return checks;
    }

    /// <summary>GET /v3/scopes with the key: SendGrid lists what the key may do, and mail.send must be among it.</summary>
    private static async Task<DoctorCheck> ScopesAsync(DeliveryOptions mail, CancellationToken cancellationToken)
    {
        var host = (mail.SendGridHost ?? "https://api.sendgrid.com").TrimEnd('/');
        try
        {
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(15) };
            using var request = new HttpRequestMessage(HttpMethod.Get, host + "/v3/scopes");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", mail.SendGridApiKey);
            using var response = await client.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return new DoctorCheck("SendGrid accepts the key", false, $"{host} answered {(int)response.StatusCode}: make a new API key with \"Mail Send\" and set Delivery:SendGridApiKey.");
            }

            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            var scopes = body.RootElement.TryGetProperty("scopes", out var list) && list.ValueKind == JsonValueKind.Array ? list.EnumerateArray().Select(s => s.GetString()).ToList() : [];
            return scopes.Contains("mail.send")
                ? new DoctorCheck("SendGrid accepts the key", true, "the key may send mail (mail.send)")
                : new DoctorCheck("SendGrid accepts the key", false, "the key lacks the mail.send permission: give it \"Mail Send\".");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
        {
            return new DoctorCheck("SendGrid accepts the key", false, $"{host} could not be asked: {ex.Message}");
        }
    }

    private DoctorCheck Inbound()
    {
        var inbound = Get<IOptions<InboundOptions>>().Value;
        return inbound.Enabled
            ? new DoctorCheck("inbound mail", true, $"mail to {inbound.ParseDomain} is read ({(string.IsNullOrWhiteSpace(inbound.SendGridPublicKey) ? "basic credentials" : "signed requests")}); its MX must point at mx.sendgrid.net")
            : new DoctorCheck("inbound mail", null, "off (Inbound:ParseDomain not set): digests offer only the https unsubscribe link");
    }

    private static DoctorCheck PublicUrl(HeraldOptions herald)
    {
        if (!Uri.TryCreate(herald.PublicBaseUrl, UriKind.Absolute, out var url))
        {
            return new DoctorCheck("public address", false, "Herald:PublicBaseUrl is not set: links in emails need the address readers reach the site at.");
        }

        var local = url.IsLoopback || url.Host is "localhost";
        return url.Scheme == Uri.UriSchemeHttps || local
            ? new DoctorCheck("public address", true, $"{url}{(local ? " (local use)" : "")}")
            : new DoctorCheck("public address", false, $"{url} is not https: links in emails would travel in the clear; set Herald:PublicBaseUrl to an https address.");
    }
}
