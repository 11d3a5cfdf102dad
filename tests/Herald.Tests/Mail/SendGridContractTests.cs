using System.Buffers;
using Herald.Collecting;
using Herald.Editions;
using Herald.Local;
using Herald.Mail;
using Herald.Templates;
using Herald.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Tests.Mail;

/// <summary>
/// Herald's mail/send requests against Prism serving SendGrid's official OpenAPI description: every request Herald
/// makes must be answered 202 with no "sl-violations". The fixture's Prism refuses what the spec refuses (a
/// 1,001-recipient request, checked below), so these tests can fail.
/// </summary>
public class SendGridContractTests(AzuriteFixture azurite, PrismFixture prism, ITestOutputHelper output) : IClassFixture<PrismFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_batch_of_1000_and_a_second_of_1_make_two_requests_that_the_spec_accepts()
    {
        var recorder = new RecordingHandler("sl-violations");
        await using var herald = await StartAsync(recorder, batchSize: 1000);
        await TestSubscribers.AddAsync(herald, 1001);

        var sent = await BuildAndSendAsync(herald);

        Assert.Equal(1001, sent);
        var responses = recorder.Responses.ToList();
        Assert.Equal([1, 1000], responses.Select(r => r.Personalizations).Order());
        Assert.All(responses, r => Assert.True(r.Status == 202 && string.IsNullOrEmpty(r.Header), $"{r.Status}: {r.Header}"));
    }

    [Fact]
    public async Task Unicode_subjects_names_and_bodies_are_accepted_by_the_spec()
    {
        var recorder = new RecordingHandler("sl-violations");
        await using var herald = await StartAsync(recorder, batchSize: 10);
        var transport = herald.Get<SendGridTransport>();
        var content = SampleEmail.Content(subject: "White House Watch: Élysée talks — Zoë Ünal’s €4.2bn plan, 北京 responds 📰", html: "<p>Élysée — 北京 📰 " + PersonalSlots.Marker(PersonalSlot.Name) + "</p>", text: "Élysée — 北京 📰 " + PersonalSlots.Marker(PersonalSlot.Name));
        MailRecipient[] recipients =
        [
            SampleEmail.Recipient("k/1", "zoe@example.com", "Zoë Ünal"),
            SampleEmail.Recipient("k/2", "li@example.com", "李 小龙"),
            SampleEmail.Recipient("k/3", "tom@example.com", "Tom & \"Jerry\" <Co>"),
        ];

        var result = await transport.SendAsync(new MailRequest(content, recipients), Ct);

        Assert.Equal((3, TransportOutcome.Done), (result.Handled, result.Outcome));
        var response = Assert.Single(recorder.Responses);
        Assert.True(response.Status == 202 && string.IsNullOrEmpty(response.Header), $"{response.Status}: {response.Header}");
    }

    [Fact]
    public async Task Prism_refuses_1001_personalizations_in_one_request_as_the_spec_says()
    {
        var url = prism.Require();
        var recipients = Enumerable.Range(0, 1001).Select(i => SampleEmail.Recipient($"k/{i}", $"r{i}@example.com")).ToList();
        var body = new ArrayBufferWriter<byte>();
        var content = SampleEmail.Content();
        SendGridRequestWriter.Write(body, new MailRequest(content, recipients), new SendGridRequestWriter.TaggedContent(content), sandbox: false);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(url, "/v3/mail/send")) { Content = new ByteArrayContent(body.WrittenSpan.ToArray()) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Authorization = new("Bearer", "SG.test");

        using var response = await http.SendAsync(request, Ct);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("personalizations", string.Join(",", response.Headers.GetValues("sl-violations")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sandbox_mode_and_the_digests_headers_and_custom_arguments_are_accepted_by_the_spec()
    {
        var recorder = new RecordingHandler("sl-violations");
        await using var herald = await StartAsync(recorder, batchSize: 1000, sandbox: true, unsubscribeDomain: "parse.herald.example");
        await TestSubscribers.AddAsync(herald, 3);

        Assert.Equal(3, await BuildAndSendAsync(herald));

        var response = Assert.Single(recorder.Responses);
        Assert.True(response.Status == 202 && string.IsNullOrEmpty(response.Header), $"{response.Status}: {response.Header}");
    }

    private async Task<TestHerald> StartAsync(RecordingHandler recorder, int batchSize, bool sandbox = false, string? unsubscribeDomain = null)
    {
        var url = prism.Require();
        return await TestHerald.StartAsync(
            azurite,
            new Dictionary<string, string?>
            {
                ["Delivery:Mode"] = "SendGrid",
                ["Delivery:SendGridWebhookPublicKey"] = TestKeys.WebhookPublicKey,
                ["Delivery:SendGridApiKey"] = "SG.contract-test-key",
                ["Delivery:SendGridHost"] = url.AbsoluteUri,
                ["Delivery:SendGridSandbox"] = sandbox ? "true" : "false",
                ["Delivery:BatchSize"] = batchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Inbound:ParseDomain"] = unsubscribeDomain,
                ["Inbound:Secret"] = TestKeys.InboundSecret,
            },
            services: s => s.AddHttpClient(SendGridTransport.HttpClientName).AddHttpMessageHandler(() => recorder));
    }

    /// <summary>Collects the sample feeds, builds the edition, fans it out and sends every batch; returns how many were sent.</summary>
    private async Task<int> BuildAndSendAsync(TestHerald herald)
    {
        await herald.Get<ArticleCollector>().CollectAsync(Ct);
        herald.Time.Advance(TimeSpan.FromMinutes(5));
        var edition = Assert.Single(await herald.Get<EditionDispatcher>().DispatchAllAsync(Ct));
        Assert.Equal(EditionOutcome.Queued, edition.Outcome);
        var (report, sent, _) = await new LocalPipeline(herald.Host).SendQueuedAsync(Ct, parallelism: 2);
        output.WriteLine($"{edition.Recipients} recipients in {edition.Batches} batches; {report.Processed} messages, {sent} sent");
        Assert.Equal(0, report.Failed);
        return sent;
    }
}
