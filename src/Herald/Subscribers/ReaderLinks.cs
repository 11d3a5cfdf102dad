using Herald.Links;

namespace Herald.Subscribers;

/// <summary>A reader's own signed links, for mail that answers them (a reply to a question): none for an address Herald does not know.</summary>
public sealed class ReaderLinks(SubscriberStore store, SubscriberTokens tokens, SiteLinks links)
{
    /// <summary>The unsubscribe link when the address is active for the newsletter, the preferences link when it is a subscriber at all.</summary>
    public async Task<(string? UnsubscribeUrl, string? PreferencesUrl)> ForAsync(string newsletterId, string subscriberId, CancellationToken cancellationToken)
    {
        var subscriber = await store.GetAsync(subscriberId, cancellationToken);
        var active = subscriber?.StatusFor(newsletterId) == SubscriberStatus.Active;
        return (
            active ? links.Unsubscribe(tokens.Create(TokenPurpose.Unsubscribe, newsletterId, subscriberId)) : null,
            subscriber is null ? null : links.Preferences(tokens.Create(TokenPurpose.Preferences, newsletterId, subscriberId)));
    }
}
