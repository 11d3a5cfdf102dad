using System.Globalization;
using Herald.Editions;
using Herald.Links;
using Herald.Mail;
using Herald.Subscribers;

namespace Herald.Site;

/// <summary>An edition's public web page: the digest with the personal links replaced by the subscribe page.</summary>
public sealed class ArchivePages(EditionStore editions, SubscriptionService subscriptions, SiteLinks links)
{
    public async Task<PageResult?> GetAsync(string? newsletterId, string? date, CancellationToken cancellationToken)
    {
        var newsletter = subscriptions.FindNewsletter(newsletterId);
        if (newsletter is null || !DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return null;
        }

        var edition = await editions.GetAsync(newsletter.Id, day, cancellationToken);
        if (edition is null)
        {
            return null;
        }

        var subscribe = links.SubscribePage(newsletter.Id);
        return new PageResult(200, PersonalSlots.Fill(edition.Value.Value.Html, new PersonalValues(subscribe, subscribe), html: true));
    }
}
