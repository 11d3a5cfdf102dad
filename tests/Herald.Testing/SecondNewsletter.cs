namespace Herald.Testing;

/// <summary>Settings adding a second newsletter, "Capitol Brief", to the sample configuration.</summary>
public static class SecondNewsletter
{
    public const string Id = "capitol-brief";

    public static Dictionary<string, string?> Settings() => new()
    {
        ["Herald:Newsletters:1:Id"] = Id,
        ["Herald:Newsletters:1:Title"] = "Capitol Brief",
        ["Herald:Newsletters:1:IncludeTags:0"] = "us-politics",
        ["Herald:Newsletters:1:FromAddress"] = "brief@herald.example",
        ["Herald:Newsletters:1:PostalAddress"] = "1 Test Street",
    };
}
