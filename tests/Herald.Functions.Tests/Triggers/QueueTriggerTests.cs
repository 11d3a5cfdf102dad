using Azure.Storage.Queues.Models;
using Herald.Functions.Tests.Infrastructure;
using Herald.Queues;
using Herald.Storage;
using Herald.Subscribers;
using Herald.Summarizing;
using Herald.Testing;

namespace Herald.Functions.Tests.Triggers;

/// <summary>
/// Each queue function invoked with a message taken from Herald's real queue on Azurite, its text as the data and
/// Id, DequeueCount, InsertionTime, ExpirationTime, NextVisibleTime, PopReceipt and QueueTrigger as metadata.
/// </summary>
public sealed class QueueTriggerTests(AzuriteFixture azurite, PublishedApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SummarizeArticle_summarizes_a_queued_article_and_a_redelivery_finds_it_done()
    {
        await using var deployment = await Deployment.StartAsync(azurite, app, cancellationToken: Ct);
        Assert.True((await deployment.Worker.InvokeTimerAsync("CollectArticles", Ct)).Succeeded);
        var storage = deployment.Get<HeraldStorage>();
        var message = await ReceiveAsync(storage.SummarizeQueue);
        var request = SummarizeQueue.Parse(message.Body.ToString());

        var first = await deployment.Worker.InvokeQueueMessageAsync("SummarizeArticle", message, Ct);
        var again = await deployment.Worker.InvokeQueueMessageAsync("SummarizeArticle", message, Ct);

        Assert.True(first.Succeeded, first.ToString());
        Assert.True(again.Succeeded, again.ToString());
        Assert.True((await storage.Summaries.GetBlobClient(request.BlobName).ExistsAsync(Ct)).Value || (await storage.Articles.GetBlobClient(request.BlobName).ExistsAsync(Ct)).Value);
        // The worker serializes a return value with System.Text.Json: an enum goes back as its number.
        Assert.Equal(((int)SummarizeOutcome.Summarized).ToString(), Outcome(first));
        Assert.Equal(((int)SummarizeOutcome.AlreadySummarized).ToString(), Outcome(again));
    }

    [Fact]
    public async Task SendDigestBatch_sends_a_queued_batch_to_its_two_subscribers()
    {
        await using var deployment = await Deployment.StartAsync(azurite, app, cancellationToken: Ct);
        foreach (var email in new[] { "ada.reader@example.com", "grace.policy@example.org", "frank.civics@example.net" })
        {
            await deployment.Get<SubscriberImports>().AddConfirmedAsync("white-house-watch", email, "sample", Ct);
        }

        Assert.True((await deployment.Worker.InvokeTimerAsync("CollectArticles", Ct)).Succeeded);
        Assert.True((await deployment.Worker.InvokeTimerAsync("BuildDigests", Ct)).Succeeded);
        var message = await ReceiveAsync(deployment.Get<HeraldStorage>().SendQueue);
        var batch = SendQueue.Parse(message.Body.ToString());

        var sent = await deployment.Worker.InvokeQueueMessageAsync("SendDigestBatch", message, Ct);

        Assert.True(sent.Succeeded, sent.ToString());
        Assert.Equal(2, Outbox.Files(deployment.Outbox).Count);
        var batches = await deployment.Get<Herald.Delivery.DeliveryOverview>().BatchesAsync(batch.EditionId, Ct);
        Assert.Equal("Sent", Assert.Single(batches, b => b.Batch == batch.Batch).State);
        Assert.Contains("\"sent\":2", Outcome(sent), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ProcessSignUp_stores_the_pending_reader_and_mails_the_confirmation()
    {
        await using var deployment = await Deployment.StartAsync(azurite, app, cancellationToken: Ct);
        await deployment.Get<SignUpQueue>().EnqueueAsync(new SignUpRequest("white-house-watch", "new.reader@example.com", "New Reader", "form", null, DateTimeOffset.UtcNow), Ct);
        var message = await ReceiveAsync(deployment.Get<HeraldStorage>().SignUpQueue);

        var processed = await deployment.Worker.InvokeQueueMessageAsync("ProcessSignUp", message, Ct);

        Assert.True(processed.Succeeded, processed.ToString());
        var reader = await deployment.Get<SubscriberStore>().GetAsync(Herald.Mail.EmailAddresses.IdOf("new.reader@example.com"), Ct);
        Assert.Equal(SubscriberStatus.Pending, reader!.StatusFor("white-house-watch"));
        var confirmation = Assert.Single(Outbox.MessagesTo(deployment.Outbox, "new.reader@example.com"));
        Assert.StartsWith("Confirm your subscription", confirmation.Subject, StringComparison.Ordinal);
        Assert.Equal(((int)SubscribeOutcome.ConfirmationSent).ToString(), Outcome(processed));
    }

    [Fact]
    public async Task A_message_that_is_not_a_send_batch_fails_its_invocation_with_the_reason()
    {
        await using var deployment = await Deployment.StartAsync(azurite, app, cancellationToken: Ct);
        var queue = deployment.Get<HeraldStorage>().SendQueue;
        await deployment.Get<HeraldStorage>().EnsureCreatedAsync();
        await queue.SendMessageAsync("not json", cancellationToken: Ct);
        var message = await ReceiveAsync(queue);

        var failed = await deployment.Worker.InvokeQueueMessageAsync("SendDigestBatch", message, Ct);

        Assert.False(failed.Succeeded);
        Assert.Contains("Not a SendBatch message", failed.Exception, StringComparison.Ordinal);
    }

    /// <summary>The function's return value as the worker sent it back (its serialized result).</summary>
    private static string Outcome(Invocation invocation) => invocation.ReturnValue ?? $"(no return value; outputs: {string.Join(", ", invocation.OutputBindings.Select(o => $"{o.Key}={o.Value}"))})";

    private static async Task<QueueMessage> ReceiveAsync(Azure.Storage.Queues.QueueClient queue)
    {
        QueueMessage[] messages = await queue.ReceiveMessagesAsync(1, TimeSpan.FromMinutes(5), Ct);
        return Assert.Single(messages);
    }
}
