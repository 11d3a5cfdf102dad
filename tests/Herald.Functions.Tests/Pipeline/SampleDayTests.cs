using System.Text.Json;
using System.Text.RegularExpressions;
using Herald.Delivery;
using Herald.Editions;
using Herald.Functions.Tests.Infrastructure;
using Herald.Local;
using Herald.Storage;
using Herald.Subscribers;
using Herald.Testing;
using MimeKit;

namespace Herald.Functions.Tests.Pipeline;

/// <summary>
/// The sample newsletter's whole day through the worker, the test host playing the host's part of the loop: the
/// collect timer fires, the summarize queue is listened to until empty, the digest timer fires, the send queue is
/// listened to until empty. The outbox must hold what "herald run" writes for the same sample on a fresh store.
/// </summary>
public sealed partial class SampleDayTests(AzuriteFixture azurite, PublishedApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_workers_day_sends_the_sample_subscribers_the_emails_herald_run_writes()
    {
        // The sample has no inbound mail domain (so no mailto unsubscribe address): the deployment is set up alike.
        // Feeds are read one at a time in both: read in parallel, whichever outlet's syndicated copy of a report
        // is stored first becomes the story's lead, and that race would decide the comparison.
        await using var deployment = await Deployment.StartAsync(azurite, app, new Dictionary<string, string?> { ["Inbound__ParseDomain"] = null, ["Inbound__Secret"] = null, ["Collecting__ParallelFeeds"] = "1" }, Ct);
        await AddSampleSubscribersAsync(deployment);

        await RunDayAsync(deployment);
        await AssertArchiveServesTheEditionAsync(deployment);

        // The same sample through LocalPipeline ("herald run"), on a storage account of its own.
        var reference = Deployment.NewDirectory();
        var herald = await Deployment.StartHeraldAsync(azurite.NewAccount(), reference, new Dictionary<string, string?> { ["Collecting:ParallelFeeds"] = "1" });
        try
        {
            var run = await new LocalPipeline(herald).RunAsync(Ct);
            Assert.True(run.Succeeded);
            Assert.Equal(3, run.EmailsSent);
        }
        finally
        {
            await herald.StopAsync(CancellationToken.None);
            herald.Dispose();
        }

        var fromWorker = ByRecipient(Outbox.All(deployment.Outbox));
        var fromRun = ByRecipient(Outbox.All(Path.Combine(reference, "outbox")));
        Directory.Delete(reference, recursive: true);
        Assert.Equal(["ada.reader@example.com", "frank.civics@example.net", "grace.policy@example.org"], fromWorker.Keys);
        Assert.Equal(fromRun.Keys, fromWorker.Keys);
        foreach (var (recipient, mail) in fromWorker)
        {
            var expected = fromRun[recipient];
            Assert.Equal(expected.Subject, mail.Subject);
            Assert.StartsWith("White House Watch: ", mail.Subject, StringComparison.Ordinal);
            Assert.Equal(expected.From.ToString(), mail.From.ToString());
            Assert.Equal(WithoutTokens(expected.Headers["List-Unsubscribe"]), WithoutTokens(mail.Headers["List-Unsubscribe"]));
            Assert.Equal(WithoutTokens(expected.TextBody), WithoutTokens(mail.TextBody));
            // The markup is the same; only the whitespace between tags differs (see Markup).
            Assert.Equal(Markup(WithoutTokens(expected.HtmlBody)), Markup(WithoutTokens(mail.HtmlBody)));
        }
    }

    [Fact]
    public async Task A_batch_that_keeps_failing_goes_to_the_poison_queue_after_five_attempts_and_a_redrive_sends_it()
    {
        // The outbox path is taken by a file: every send fails until an operator clears it.
        var blocked = Path.Combine(Deployment.NewDirectory(), "outbox");
        await File.WriteAllTextAsync(blocked, "not a folder", Ct);
        await using var deployment = await Deployment.StartAsync(azurite, app, new Dictionary<string, string?> { ["Delivery__OutboxDirectory"] = blocked }, Ct);
        await AddSampleSubscribersAsync(deployment);
        Assert.True((await deployment.Worker.InvokeTimerAsync("CollectArticles", Ct)).Succeeded);
        Assert.All(await new QueueTriggerListener(deployment.Worker, app, "SummarizeArticle").DrainAsync(Ct), d => Assert.True(d.Invocation.Succeeded, d.Invocation.ToString()));
        Assert.True((await deployment.Worker.InvokeTimerAsync("BuildDigests", Ct)).Succeeded);
        var sending = new QueueTriggerListener(deployment.Worker, app, "SendDigestBatch");

        var attempts = await sending.DrainAsync(Ct);

        Assert.Equal(5, sending.MaxDequeueCount);
        Assert.Equal(2 * sending.MaxDequeueCount, attempts.Count);
        Assert.All(attempts, a => Assert.False(a.Invocation.Succeeded, a.Invocation.ToString()));
        foreach (var message in attempts.GroupBy(a => a.MessageId))
        {
            Assert.Equal([1L, 2, 3, 4, 5], message.Select(a => a.DequeueCount).Order());
            Assert.True(message.Single(a => a.DequeueCount == 5).MovedToPoison);
        }

        Assert.Equal(2, (await sending.Poison.GetPropertiesAsync(Ct)).Value.ApproximateMessagesCount);
        Assert.Empty(Outbox.Files(deployment.Outbox));

        // The operator clears the path and runs "herald deliveries redrive".
        File.Delete(blocked);
        var redrive = await deployment.Get<DeliveryRedrive>().RedriveAsync(null, Ct);
        Assert.Equal((2, 2), (redrive.PoisonMessages, redrive.Batches));
        Assert.Equal(0, (await sending.Poison.GetPropertiesAsync(Ct)).Value.ApproximateMessagesCount);

        var resent = await sending.DrainAsync(Ct);

        Assert.Equal(2, resent.Count);
        Assert.All(resent, r => Assert.True(r.Invocation.Succeeded, r.Invocation.ToString()));
        Assert.Equal(3, Outbox.Files(blocked).Count);
        Directory.Delete(Path.GetDirectoryName(blocked)!, recursive: true);
    }

    /// <summary>
    /// The day's edition on the public archive the digest's "view in browser" link opens: the index lists it, its
    /// page carries no reader's token, the Atom feed has it as an entry.
    /// </summary>
    private static async Task AssertArchiveServesTheEditionAsync(Deployment deployment)
    {
        var edition = Assert.Single(await deployment.Get<EditionStore>().ListPublishedAsync("white-house-watch", 5, Ct));
        var worker = deployment.Worker;

        var index = await worker.InvokeHttpAsync("ArchiveIndex", new HttpRequestMessage(HttpMethod.Get, "/api/archive/white-house-watch"), Ct);
        Assert.True(index.Invocation.Succeeded, index.Invocation.ToString());
        Assert.Equal(System.Net.HttpStatusCode.OK, index.Status);
        Assert.Contains($"/api/archive/white-house-watch/{edition.Slot}", index.Body, StringComparison.Ordinal);

        var page = await worker.InvokeHttpAsync("Archive", new HttpRequestMessage(HttpMethod.Get, $"/api/archive/white-house-watch/{edition.Slot}"), Ct);
        Assert.True(page.Invocation.Succeeded, page.Invocation.ToString());
        Assert.Equal(System.Net.HttpStatusCode.OK, page.Status);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(edition.Preheader), page.Body, StringComparison.Ordinal);
        Assert.Contains("/api/subscribe/white-house-watch", page.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("token=", page.Body, StringComparison.Ordinal);
        var byDate = await worker.InvokeHttpAsync("Archive", new HttpRequestMessage(HttpMethod.Get, $"/api/archive/white-house-watch/{edition.Date:yyyy-MM-dd}"), Ct);
        Assert.Equal(page.Body, byDate.Body);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await worker.InvokeHttpAsync("Archive", new HttpRequestMessage(HttpMethod.Get, "/api/archive/white-house-watch/1999-01-01"), Ct)).Status);

        var feed = await worker.InvokeHttpAsync("ArchiveFeed", new HttpRequestMessage(HttpMethod.Get, "/api/archive/white-house-watch/feed"), Ct);
        Assert.True(feed.Invocation.Succeeded, feed.Invocation.ToString());
        Assert.Equal("application/atom+xml", feed.ContentHeaders.ContentType?.MediaType);
        var entry = Assert.Single(System.Xml.Linq.XDocument.Parse(feed.Body).Root!.Elements(System.Xml.Linq.XName.Get("entry", "http://www.w3.org/2005/Atom")));
        Assert.Equal(edition.Subject, entry.Element(System.Xml.Linq.XName.Get("title", "http://www.w3.org/2005/Atom"))!.Value);
    }

    /// <summary>The host's part of the day: each timer once, each queue until it is empty.</summary>
    private async Task RunDayAsync(Deployment deployment)
    {
        var collected = await deployment.Worker.InvokeTimerAsync("CollectArticles", Ct);
        Assert.True(collected.Succeeded, collected.ToString());

        var summarized = await new QueueTriggerListener(deployment.Worker, app, "SummarizeArticle").DrainAsync(Ct);
        Assert.Equal(15, summarized.Count);
        Assert.All(summarized, d => Assert.True(d.Invocation.Succeeded, d.Invocation.ToString()));

        var built = await deployment.Worker.InvokeTimerAsync("BuildDigests", Ct);
        Assert.True(built.Succeeded, built.ToString());

        var sent = await new QueueTriggerListener(deployment.Worker, app, "SendDigestBatch").DrainAsync(Ct);
        Assert.Equal(2, sent.Count);
        Assert.All(sent, d => Assert.True(d.Invocation.Succeeded, d.Invocation.ToString()));
        Assert.Equal(0, (await deployment.Get<HeraldStorage>().SendQueue.GetPropertiesAsync(Ct)).Value.ApproximateMessagesCount);
    }

    /// <summary>The sample's subscribers, added as "herald run" adds them (the CLI loads them; the app has no such step).</summary>
    private static async Task AddSampleSubscribersAsync(Deployment deployment)
    {
        using var file = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.SampleDirectory, "subscribers.json"), Ct));
        foreach (var entry in file.RootElement.EnumerateArray())
        {
            var (subscriber, _) = await deployment.Get<SubscriberImports>().AddConfirmedAsync(entry.GetProperty("newsletter").GetString()!, entry.GetProperty("email").GetString()!, "sample", Ct);
            Assert.NotNull(subscriber);
        }
    }

    private static SortedDictionary<string, MimeMessage> ByRecipient(List<MimeMessage> messages) =>
        new(messages.ToDictionary(m => m.To.Mailboxes.Single().Address, StringComparer.Ordinal), StringComparer.Ordinal);

    /// <summary>Per-recipient tokens (links' token=, the mailto unsubscribe+TOKEN@) differ between runs; nothing else may.</summary>
    private static string? WithoutTokens(string? text) =>
        text is null ? null : MailboxToken().Replace(Token().Replace(text, "token=TOKEN"), "unsubscribe+TOKEN@");

    /// <summary>HTML with the whitespace between tags taken out: one writer indents what the other runs together.</summary>
    private static string? Markup(string? html) => html is null ? null : BetweenTags().Replace(html, "><").Trim();

    [GeneratedRegex(@">\s+<")]
    private static partial Regex BetweenTags();

    [GeneratedRegex(@"token=[A-Za-z0-9_\-\.%]+")]
    private static partial Regex Token();

    [GeneratedRegex(@"unsubscribe\+[^@\s""<>]+@")]
    private static partial Regex MailboxToken();
}
