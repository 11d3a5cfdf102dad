using System.Globalization;
using Herald.Mail;
using Herald.Subscribers;

namespace Herald.Testing;

/// <summary>Many confirmed subscribers at once, written as the store writes them (for delivery tests at scale).</summary>
public static class TestSubscribers
{
    /// <summary>Adds <paramref name="count"/> active subscribers of a newsletter ("reader0@list.example", ...) and returns their addresses.</summary>
    public static async Task<List<string>> AddAsync(TestHerald herald, int count, string newsletterId = "white-house-watch", string domain = "list.example", Func<int, string?>? timeZone = null)
    {
        var now = herald.Time.GetUtcNow();
        var addresses = Enumerable.Range(0, count).Select(i => $"reader{i.ToString(CultureInfo.InvariantCulture)}@{domain}").ToList();
        var subscribers = addresses.Select((address, i) => new Subscriber
        {
            Id = EmailAddresses.IdOf(address),
            Email = address,
            TimeZone = timeZone?.Invoke(i),
            CreatedAt = now,
            Subscriptions =
            {
                [newsletterId] = new Subscription { Status = SubscriberStatus.Active, Origin = "test", RequestedAt = now, ConfirmedAt = now },
            },
        });
        var added = await herald.Get<SubscriberStore>().AddManyAsync(subscribers, 8, TestContext.Current.CancellationToken);
        Assert.Equal(count, added);
        return addresses;
    }
}
