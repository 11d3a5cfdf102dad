using System.Text.RegularExpressions;
using Herald.Mail;
using Herald.Queues;
using Herald.Subscribers;
using Herald.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Tests.Subscribers;

/// <summary>
/// Two writers on one subscriber: a change that meets a write made since it read (an ETag conflict) reads again and
/// decides again, so neither the change nor the write in between is lost.
/// </summary>
public class ConcurrentChangeTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_confirmation_that_meets_a_write_made_since_its_read_still_subscribes_the_reader()
    {
        var clock = new ClockThatLetsAWriterIn(new FakeTimeProvider(TestHerald.SampleNow));
        await using var herald = await TestHerald.StartAsync(azurite, services: s => s.AddSingleton<TimeProvider>(clock));
        await herald.Get<SignUpService>().RequestAsync(new SignUpRequest("white-house-watch", "quick@example.com", null, "form", null, clock.GetUtcNow(), null), Ct);
        var id = EmailAddresses.IdOf("quick@example.com");
        var token = Regex.Match(Outbox.MessagesTo(herald.Outbox, "quick@example.com").Single().TextBody ?? "", @"token=([^\s&""]+)").Groups[1].Value;

        // Slow instances' confirmation-sent notes land at the confirm's next two clock readings: the link's expiry check
        // comes before its read, but at least one lands between its read and its write, whatever the order inside.
        var store = herald.Get<SubscriberStore>();
        var notes = 0;
        clock.Writer = async () =>
        {
            if (++notes <= 2)
            {
                var other = (await store.GetAsync(id, Ct))!;
                other.Subscriptions["white-house-watch"].ConfirmationSentAt = TestHerald.SampleNow.AddSeconds(notes);
                await store.UpdateAsync(other, Ct);
            }
        };
        var outcome = await herald.Get<ConfirmationService>().ConfirmAsync(token, null, Ct);
        clock.Writer = null;

        Assert.Equal(ChangeOutcome.Done, outcome);
        Assert.True(notes >= 2, "both notes were written");
        Assert.Equal(SubscriberStatus.Active, (await store.GetAsync(id, Ct))!.StatusFor("white-house-watch"));
        Assert.Contains("confirmed", await herald.Get<ConsentLog>().ListAsync(id, Ct).Select(c => c.Action).ToListAsync(Ct));
    }

    [Fact]
    public async Task An_unsubscribe_from_a_stale_read_lands_and_keeps_the_write_made_since()
    {
        await using var herald = await TestHerald.StartAsync(azurite);
        var (reader, _) = await herald.Get<SubscriberImports>().AddConfirmedAsync("white-house-watch", "stale@example.com", "test", Ct);
        var stale = (await herald.Get<SubscriberStore>().GetAsync(reader!.Id, Ct))!;
        var fresh = (await herald.Get<SubscriberStore>().GetAsync(reader.Id, Ct))!;
        Assert.Equal(ChangeOutcome.Done, await herald.Get<PreferencesService>().UpdateAsync(fresh, new HashSet<string> { "white-house-watch" }, "Renamed", null, null, Ct));

        Assert.Equal(ChangeOutcome.Done, await herald.Get<OptOutService>().UnsubscribeAsync(stale, "white-house-watch", "unsubscribed at provider", Ct));

        var stored = (await herald.Get<SubscriberStore>().GetAsync(reader.Id, Ct))!;
        Assert.Equal((SubscriberStatus.Unsubscribed, "Renamed"), (stored.StatusFor("white-house-watch"), stored.Name));
        Assert.Contains("unsubscribed", await herald.Get<ConsentLog>().ListAsync(reader.Id, Ct).Select(c => c.Action).ToListAsync(Ct));
    }

    [Fact]
    public async Task A_preferences_save_from_a_stale_read_applies_the_form_to_what_is_stored_now()
    {
        await using var herald = await TestHerald.StartAsync(azurite);
        var (reader, _) = await herald.Get<SubscriberImports>().AddConfirmedAsync("white-house-watch", "tabs@example.com", "test", Ct);
        var stale = (await herald.Get<SubscriberStore>().GetAsync(reader!.Id, Ct))!;
        Assert.Equal(ChangeOutcome.Done, await herald.Get<OptOutService>().SuppressAsync(reader.Id, "bounce", Ct)); // lands between the page's read and its save

        Assert.Equal(ChangeOutcome.Done, await herald.Get<PreferencesService>().UpdateAsync(stale, new HashSet<string> { "white-house-watch" }, "Second Tab", null, null, Ct));

        var stored = (await herald.Get<SubscriberStore>().GetAsync(reader.Id, Ct))!;
        Assert.Equal((SubscriberStatus.Suppressed, "Second Tab"), (stored.StatusFor("white-house-watch"), stored.Name)); // the stale page cannot undo the bounce
    }

    [Fact]
    public async Task An_import_that_meets_a_write_made_since_its_read_still_activates_the_pending_reader()
    {
        var clock = new ClockThatLetsAWriterIn(new FakeTimeProvider(TestHerald.SampleNow));
        await using var herald = await TestHerald.StartAsync(azurite, services: s => s.AddSingleton<TimeProvider>(clock));
        await herald.Get<SignUpService>().RequestAsync(new SignUpRequest("white-house-watch", "pending@example.com", null, "form", null, clock.GetUtcNow(), null), Ct);
        var id = EmailAddresses.IdOf("pending@example.com");
        var store = herald.Get<SubscriberStore>();
        var notes = 0;
        clock.Writer = async () =>
        {
            if (++notes <= 2)
            {
                var other = (await store.GetAsync(id, Ct))!;
                other.Name = $"Named on the preferences page ({notes})";
                await store.UpdateAsync(other, Ct);
            }
        };
        var (subscriber, added) = await herald.Get<SubscriberImports>().AddConfirmedAsync("white-house-watch", "pending@example.com", "import: readers.csv", Ct);
        clock.Writer = null;

        Assert.True(added);
        Assert.True(notes >= 2, "both notes were written");
        var stored = (await store.GetAsync(id, Ct))!;
        Assert.Equal(SubscriberStatus.Active, stored.StatusFor("white-house-watch"));
        Assert.Equal("Named on the preferences page (2)", stored.Name); // the write in between is kept
        Assert.Equal(subscriber!.Id, id);
        Assert.Contains("consented (as imported)", await herald.Get<ConsentLog>().ListAsync(id, Ct).Select(c => c.Action).ToListAsync(Ct));
    }

    /// <summary>A clock that lets another writer in each time the code under test reads it.</summary>
    private sealed class ClockThatLetsAWriterIn(TimeProvider inner) : TimeProvider
    {
        public Func<Task>? Writer { get; set; }

        public override DateTimeOffset GetUtcNow()
        {
            var writer = Writer;
            Writer = null; // the writer's own readings let nobody in
            writer?.Invoke().GetAwaiter().GetResult();
            Writer ??= writer;
            return inner.GetUtcNow();
        }
    }
}
