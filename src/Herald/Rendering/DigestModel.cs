namespace Herald.Rendering;

/// <summary>What a digest template sees. Member names reach templates in snake_case (PublishedAt → published_at).</summary>
public sealed record DigestModel(NewsletterView Newsletter, EditionView Edition, IReadOnlyList<StoryView> Stories, LinkView Links);

public sealed record NewsletterView(string Id, string Title, string Description, string PostalAddress);

public sealed record EditionView(string Id, string Date, string DisplayDate);

public sealed record StoryView(string Title, string Url, string Source, string Dek, string Summary, string? Published, IReadOnlyList<string> Tags, IReadOnlyList<SourceView> AlsoReportedBy);

/// <summary>Another outlet's report of the same story.</summary>
public sealed record SourceView(string Name, string Url);

/// <summary>Links in the digest. Personal ones hold placeholders that each recipient's links replace at send time.</summary>
public sealed record LinkView(string Unsubscribe, string Preferences, string Archive, string Subscribe);

/// <summary>The placeholders the renderer writes where a recipient's own links go.</summary>
public static class PersonalLinks
{
    public const string Unsubscribe = "HERALD-PERSONAL-UNSUBSCRIBE-URL";
    public const string Preferences = "HERALD-PERSONAL-PREFERENCES-URL";

    public static string Apply(string content, string unsubscribeUrl, string preferencesUrl) =>
        content.Replace(Unsubscribe, unsubscribeUrl, StringComparison.Ordinal).Replace(Preferences, preferencesUrl, StringComparison.Ordinal);
}
