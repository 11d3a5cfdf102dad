using Azure;

namespace Herald.Subscribers;

/// <summary>
/// A person and the newsletters they get. Stored as one table row per person (see <see cref="SubscriberStore"/>),
/// so one address is one subscriber however many newsletters it takes.
/// </summary>
public sealed class Subscriber
{
    /// <summary>A hash of the normalized address (<see cref="Mail.EmailAddresses.IdOf"/>): storage keys and logs carry this, never the address.</summary>
    public required string Id { get; init; }

    /// <summary>The address mail goes to: the domain in ASCII (punycode when internationalized).</summary>
    public required string Email { get; set; }

    /// <summary>The same address with its domain in Unicode, as the reader typed it; equal to <see cref="Email"/> for ASCII domains.</summary>
    public string? EmailUnicode { get; set; }

    public string? Name { get; set; }

    /// <summary>The IANA time zone the reader chose for newsletters delivered in each reader's morning; null for each newsletter's own.</summary>
    public string? TimeZone { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Subscriptions by newsletter id.</summary>
    public Dictionary<string, Subscription> Subscriptions { get; init; } = new(StringComparer.Ordinal);

    /// <summary>The row's version when it was read: updates are conditional on it.</summary>
    public ETag ETag { get; set; }

    /// <summary>The subscriber's status for one newsletter; <see cref="SubscriberStatus.None"/> when they never asked for it.</summary>
    public SubscriberStatus StatusFor(string newsletterId) =>
        Subscriptions.TryGetValue(newsletterId, out var subscription) ? subscription.Status : SubscriberStatus.None;

    /// <summary>The subscription to <paramref name="newsletterId"/>, created (as <see cref="SubscriberStatus.None"/>) when there is none.</summary>
    public Subscription SubscriptionTo(string newsletterId)
    {
        if (!Subscriptions.TryGetValue(newsletterId, out var subscription))
        {
            subscription = new Subscription { Status = SubscriberStatus.None };
            Subscriptions[newsletterId] = subscription;
        }

        return subscription;
    }

    /// <summary>A name as the reader typed it, without control characters, at most 100 characters; null when empty.</summary>
    public static string? CleanName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var cleaned = new string([.. name.Where(c => !char.IsControl(c) && char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.Format && c is < '\uE000' or > '\uF8FF')]).Trim();
        return cleaned.Length == 0 ? null : cleaned[..Math.Min(cleaned.Length, 100)];
    }
}
