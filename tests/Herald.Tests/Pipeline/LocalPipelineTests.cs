using Herald.Delivery;
using Herald.Editions;
using Herald.Editions.Scheduling;
using Herald.Local;
using Herald.Mail;
using Herald.Queues;
using Herald.Storage;
using Herald.Subscribers;
using Herald.Summarizing;
using Herald.Templates;
using Herald.Testing;
using MimeKit;

namespace Herald.Tests.Pipeline;

/// <summary>The walking skeleton on real Azurite: samples in, one digest per subscriber out, and nothing twice.</summary>
public class LocalPipelineTests(AzuriteFixture azurite)
{
    /// <summary>The lead title of each of the 9 stories (the Policy Desk "stopgap pact" report joins the first).</summary>
    private static readonly string[] SelectedTitles =
    [
        "White House and Senate leaders reach tentative deal to avert December shutdown",
        "President signs order pausing new tariffs on medical supplies",
        "First state dinner of the season planned for visiting Canadian prime minister",
        "Senate confirms new Commerce secretary in 54-45 vote",
        "Press secretary defends travel schedule amid questions over costs",
        "House oversight panel schedules hearing on federal hiring backlog",
        "Governors urge White House to speed up disaster payments",
        "New poll finds voters split on economy as holiday season begins",
        "Transportation Department awards $1.1bn in bridge repair grants",
    ];

    private static readonly string[] LeftOutTitles =
    [
        "Champions visit the White House as president jokes about his jump shot", // white-house, but also sport
        "Chipmaker breaks ground on Arizona plant with new cooling design",
        "Early winter storm to bring snow to the Great Lakes",
        "Smithsonian gallery reopens after two-year renovation",
        "Local runners shine at city marathon",
    ];

    [Fact]
    public async Task The_sample_run_delivers_one_digest_per_subscriber_with_the_tagged_articles()
    {
        await using var herald = await TestHerald.StartAsync(azurite);
        var ct = TestContext.Current.CancellationToken;

        var report = await new LocalPipeline(herald.Host).RunAsync(ct);

        Assert.True(report.Succeeded);
        Assert.Equal((3, 0), report.Subscribers);
        var c = report.Collect;
        Assert.Equal((3, 0, 16, 15, 1), (c.Sources, c.FailedSources, c.Items, c.NewArticles, c.KnownArticles)); // the syndicated copy is stored once
        Assert.Equal(15, report.Summarize.Processed);
        var edition = Assert.Single(report.Editions);
        Assert.Equal(EditionOutcome.Queued, edition.Outcome);
        Assert.Equal(("white-house-watch-20261125-0600", 10, 9, 3, 2), (edition.EditionId, edition.Articles, edition.Stories, edition.Recipients, edition.Batches));
        Assert.Equal(3, report.EmailsSent);

        var emails = Directory.GetFiles(Path.Combine(herald.Outbox, "white-house-watch", "2026-11-25-0600"), "*.eml");
        Assert.Equal(3, emails.Length);
        Assert.Equal(3, Directory.GetFiles(Path.Combine(herald.Outbox, "white-house-watch", "2026-11-25-0600"), "*.html").Length);

        var recipients = new List<string>();
        foreach (var file in emails)
        {
            using var message = await MimeMessage.LoadAsync(file, ct);
            recipients.Add(message.To.Mailboxes.Single().Address);
            Assert.StartsWith("White House Watch: ", message.Subject, StringComparison.Ordinal);
            Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
            Assert.StartsWith("<http://localhost:7071/api/unsubscribe?token=", message.Headers["List-Unsubscribe"], StringComparison.Ordinal);
            var text = System.Text.RegularExpressions.Regex.Replace(message.TextBody!, @"\s+", " "); // the text part is wrapped for reading
            Assert.All(SelectedTitles, title => Assert.Contains(title, text, StringComparison.Ordinal));
            Assert.All(LeftOutTitles, title => Assert.DoesNotContain(title, text, StringComparison.Ordinal));
            Assert.Contains(System.Net.WebUtility.HtmlEncode(SelectedTitles[0]), message.HtmlBody, StringComparison.Ordinal);
            // Two outlets' reports of the spending deal are one story.
            Assert.Contains("Also reported by Policy Desk: https://policydesk.example/2026/11/24/stopgap-pact", message.TextBody, StringComparison.Ordinal);
            Assert.DoesNotContain(PersonalSlots.Marker(PersonalSlot.UnsubscribeUrl), message.HtmlBody, StringComparison.Ordinal);
            Assert.DoesNotContain('\uE000', message.TextBody!);
            Assert.DoesNotContain("utm_", message.HtmlBody, StringComparison.Ordinal);
        }

        Assert.Equal(["ada.reader@example.com", "frank.civics@example.net", "grace.policy@example.org"], recipients.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_second_run_stores_and_sends_nothing_new()
    {
        await using var herald = await TestHerald.StartAsync(azurite);
        var ct = TestContext.Current.CancellationToken;
        await new LocalPipeline(herald.Host).RunAsync(ct);
        herald.Time.Advance(TimeSpan.FromMinutes(30));

        var again = await new LocalPipeline(herald.Host).RunAsync(ct);

        Assert.Equal((0, 3), again.Subscribers);
        Assert.Equal(0, again.Collect.NewArticles);
        Assert.Equal(16, again.Collect.KnownArticles);
        Assert.Equal(0, again.Summarize.Processed);
        Assert.Equal(EditionOutcome.AlreadyQueued, Assert.Single(again.Editions).Outcome);
        Assert.Equal(0, again.EmailsSent);
        Assert.Equal(3, Directory.GetFiles(herald.Outbox, "*.eml", SearchOption.AllDirectories).Length);
        Assert.Equal(15, await CountBlobsAsync(herald));
    }

    [Fact]
    public async Task The_next_day_without_new_articles_sends_no_edition()
    {
        await using var herald = await TestHerald.StartAsync(azurite);
        var ct = TestContext.Current.CancellationToken;
        await new LocalPipeline(herald.Host).RunAsync(ct);
        herald.Time.Advance(TimeSpan.FromDays(1));

        var nextDay = await new LocalPipeline(herald.Host).RunAsync(ct);

        var edition = Assert.Single(nextDay.Editions);
        Assert.Equal(("white-house-watch-20261126-0600", EditionOutcome.NothingNew), (edition.EditionId, edition.Outcome));
        Assert.Equal(0, nextDay.EmailsSent);
    }

    [Fact]
    public async Task A_redelivered_send_batch_sends_nobody_a_second_email()
    {
        await using var herald = await TestHerald.StartAsync(azurite);
        var ct = TestContext.Current.CancellationToken;
        var pipeline = new LocalPipeline(herald.Host);
        await pipeline.RunAsync(ct);

        // The queue delivers both batches again, as it does when an instance dies after sending but before deleting the message.
        await herald.Get<SendQueue>().EnqueueAsync(new SendBatch("white-house-watch", "2026-11-25-0600", "white-house-watch-20261125-0600", 1), ct);
        await herald.Get<SendQueue>().EnqueueAsync(new SendBatch("white-house-watch", "2026-11-25-0600", "white-house-watch-20261125-0600", 2), ct);
        var (report, sent, alreadySent) = await pipeline.SendQueuedAsync(ct);

        Assert.Equal((2, 0, 3), (report.Processed, sent, alreadySent));
        Assert.Equal(3, Directory.GetFiles(herald.Outbox, "*.eml", SearchOption.AllDirectories).Length);
        var deliveries = Assert.Single(await herald.Get<DeliveryOverview>().ListAsync("white-house-watch-20261125-0600", ct));
        Assert.Equal((3, 2, 3, 0), (deliveries.Recipients, deliveries.SentBatches, deliveries.Sent, deliveries.Resent));
    }

    [Fact]
    public async Task A_redelivered_summarize_message_does_no_work_twice()
    {
        await using var herald = await TestHerald.StartAsync(azurite);
        var ct = TestContext.Current.CancellationToken;
        await new LocalPipeline(herald.Host).RunAsync(ct);
        var blob = await FirstArticleBlobAsync(herald);

        var outcome = await herald.Get<SummarizeRequestHandler>().SummarizeAsync(new SummarizeRequest("any", blob), ct);

        Assert.Equal(SummarizeOutcome.AlreadySummarized, outcome);
    }

    [Fact]
    public async Task Someone_who_unsubscribes_after_the_edition_is_built_gets_nothing()
    {
        await using var herald = await TestHerald.StartAsync(azurite);
        var ct = TestContext.Current.CancellationToken;
        var pipeline = new LocalPipeline(herald.Host);
        await SampleSubscribers.ImportAsync(herald.Get<Herald.Subscribers.SubscriberImports>(), Path.Combine(RepositoryPaths.Root, "samples", "white-house-watch", "subscribers.json"), ct);
        await herald.Get<Herald.Collecting.ArticleCollector>().CollectAsync(ct);
        herald.Time.Advance(TimeSpan.FromMinutes(5));
        await herald.Get<EditionDispatcher>().DispatchAllAsync(ct);

        var leaving = EmailAddresses.IdOf("grace.policy@example.org");
        var token = herald.Get<SubscriberTokens>().Create(TokenPurpose.Unsubscribe, "white-house-watch", leaving);
        Assert.Equal(ChangeOutcome.Done, await herald.Get<OptOutService>().UnsubscribeAsync(token, ct));
        var (_, sent, _) = await pipeline.SendQueuedAsync(ct);

        Assert.Equal(2, sent);
        Assert.False(File.Exists(Path.Combine(herald.Outbox, "white-house-watch", "2026-11-25-0600", leaving + ".eml")));
    }

    [Fact]
    public async Task An_edition_stored_before_a_crash_is_queued_by_the_next_build()
    {
        await using var herald = await TestHerald.StartAsync(azurite);
        var ct = TestContext.Current.CancellationToken;
        await SampleSubscribers.ImportAsync(herald.Get<Herald.Subscribers.SubscriberImports>(), Path.Combine(RepositoryPaths.Root, "samples", "white-house-watch", "subscribers.json"), ct);
        await herald.Get<Herald.Collecting.ArticleCollector>().CollectAsync(ct);
        herald.Time.Advance(TimeSpan.FromMinutes(5));
        var builder = herald.Get<EditionBuilder>();
        var newsletter = herald.Get<Microsoft.Extensions.Options.IOptions<Herald.Configuration.HeraldOptions>>().Value.Newsletters[0];
        var slot = NewsletterSchedule.For(newsletter).SlotAt(herald.Time.GetUtcNow().AddMinutes(-5));

        // The instance stored the edition, then died before queuing anything.
        var edition = await builder.RenderAsync(newsletter, slot, slot.IdFor(newsletter.Id), ct);
        Assert.True(await herald.Get<EditionStore>().TryCreateAsync(edition!, ct));

        var report = await herald.Get<EditionDispatcher>().DispatchAsync(newsletter, ct);
        var (_, sent, _) = await new LocalPipeline(herald.Host).SendQueuedAsync(ct);

        Assert.Equal((EditionOutcome.Queued, 3), (report.Outcome, report.Recipients));
        Assert.Equal(3, sent);
        Assert.Equal(EditionStatus.Queued, (await herald.Get<EditionStore>().GetAsync("white-house-watch", slot.Key, ct))!.Value.Value.Status);
    }

    private static async Task<int> CountBlobsAsync(TestHerald herald)
    {
        var count = 0;
        await foreach (var _ in herald.Get<HeraldStorage>().Articles.GetBlobsAsync(cancellationToken: TestContext.Current.CancellationToken))
        {
            count++;
        }

        return count;
    }

    private static async Task<string> FirstArticleBlobAsync(TestHerald herald)
    {
        await foreach (var blob in herald.Get<HeraldStorage>().Articles.GetBlobsAsync(cancellationToken: TestContext.Current.CancellationToken))
        {
            return blob.Name;
        }

        throw new InvalidOperationException("No article stored.");
    }
}
