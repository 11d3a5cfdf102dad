namespace Herald.Editions;

/// <summary>The placeholders the renderer writes where a recipient's own links go.</summary>
public static class PersonalLinks
{
    public const string Unsubscribe = "HERALD-PERSONAL-UNSUBSCRIBE-URL";
    public const string Preferences = "HERALD-PERSONAL-PREFERENCES-URL";

    public static string Apply(string content, string unsubscribeUrl, string preferencesUrl) =>
        content.Replace(Unsubscribe, unsubscribeUrl, StringComparison.Ordinal).Replace(Preferences, preferencesUrl, StringComparison.Ordinal);
}
