using Herald.Mail;
using Herald.Queues;
using Herald.Storage;
using Herald.Subscribers;
using Herald.Testing;

namespace Herald.Tests.Subscribers;

/// <summary>
/// The confirmation emails one client address sets off are counted across instances: two Heralds on the same
/// storage, as two Functions instances are, share the hour's quota; another client is not affected; the next hour
/// starts afresh; old counts are pruned.
/// </summary>
public class SignUpQuotaTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Client = "0123456789abcdef01234567";

    [Fact]
    public async Task Two_instances_share_one_clients_hourly_quota_of_confirmations()
    {
        var prefix = AzuriteFixture.UniquePrefix();
        var settings = new Dictionary<string, string?> { ["SignUps:ConfirmationsPerClientPerHour"] = "3" };
        await using var first = await TestHerald.StartAsync(azurite, settings, prefix: prefix);
        await using var second = await TestHerald.StartAsync(azurite, settings, prefix: prefix);

        var outcomes = new List<SubscribeOutcome>();
        for (var i = 0; i < 6; i++)
        {
            var instance = i % 2 == 0 ? first : second;
            outcomes.Add(await instance.Get<SignUpService>().RequestAsync(Request($"stranger{i}@example.com", Client, instance), Ct));
        }

        var otherClient = await first.Get<SignUpService>().RequestAsync(Request("neighbour@example.com", "fedcba9876543210fedcba98", first), Ct);
        var byMail = await first.Get<SignUpService>().RequestAsync(Request("by-mail@example.com", null, first), Ct);
        first.Time.Advance(TimeSpan.FromHours(1));
        var nextHour = await first.Get<SignUpService>().RequestAsync(Request("later@example.com", Client, first), Ct);

        Assert.Equal(3, outcomes.Count(o => o == SubscribeOutcome.ConfirmationSent));
        Assert.Equal([SubscribeOutcome.OverQuota, SubscribeOutcome.OverQuota, SubscribeOutcome.OverQuota], outcomes.Skip(3));
        Assert.Equal(SubscribeOutcome.ConfirmationSent, otherClient);
        Assert.Equal(SubscribeOutcome.ConfirmationSent, byMail);
        Assert.Equal(SubscribeOutcome.ConfirmationSent, nextHour);
        Assert.Empty(Outbox.MessagesTo(first.Outbox, "stranger4@example.com").Concat(Outbox.MessagesTo(second.Outbox, "stranger5@example.com")));
        Assert.Null(await first.Get<SubscriberStore>().GetAsync(EmailAddresses.IdOf("stranger4@example.com"), Ct)); // nothing stored either
    }

    [Fact]
    public async Task An_address_already_asked_for_is_not_charged_again_and_old_hours_are_pruned()
    {
        var settings = new Dictionary<string, string?> { ["SignUps:ConfirmationsPerClientPerHour"] = "1" };
        await using var herald = await TestHerald.StartAsync(azurite, settings);

        var asked = await herald.Get<SignUpService>().RequestAsync(Request("twice@example.com", Client, herald), Ct);
        var again = await herald.Get<SignUpService>().RequestAsync(Request("twice@example.com", Client, herald), Ct); // within 15 minutes: nothing mailed, nothing charged
        herald.Time.Advance(TimeSpan.FromHours(3));
        var pruned = await herald.Get<RecordPruner>().PruneAsync(Ct);

        Assert.Equal((SubscribeOutcome.ConfirmationSent, SubscribeOutcome.ConfirmationSent), (asked, again));
        Assert.Equal(1, pruned["sign-up quotas"]);
    }

    private static SignUpRequest Request(string email, string? client, TestHerald herald) =>
        new("white-house-watch", email, null, "form", client, herald.Time.GetUtcNow(), Guid.NewGuid().ToString("N"));
}
