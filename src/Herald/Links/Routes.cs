namespace Herald.Links;

/// <summary>
/// Every HTTP route Herald serves, in one place: the Functions trigger attributes, <c>herald serve</c>, the links in
/// emails (<see cref="SiteLinks"/>) and the forms on pages all take them from here.
/// </summary>
public static class Routes
{
    /// <summary>The Functions host's route prefix (host.json, extensions.http.routePrefix).</summary>
    public const string Prefix = "api";

    public const string SubscribePage = "subscribe/{newsletter}";
    public const string Subscribe = "subscribe";
    public const string Confirm = "confirm";
    public const string Unsubscribe = "unsubscribe";
    public const string Preferences = "preferences";
    public const string SendGridEvents = "events/sendgrid";
    public const string InboundEmail = "inbound/email";
    public const string Archive = "archive/{newsletter}/{edition}";
    public const string ArchiveIndex = "archive/{newsletter}";
    public const string ArchiveFeed = "archive/{newsletter}/feed";
    public const string ExportData = "privacy/export";
    public const string EraseData = "privacy/erase";

    /// <summary>The site-relative path of a route, its {parameters} filled in and escaped: "/api/archive/white-house-watch/2026-11-25".</summary>
    public static string PathOf(string route, params (string Name, string Value)[] values)
    {
        foreach (var (name, value) in values)
        {
            route = route.Replace("{" + name + "}", Uri.EscapeDataString(value), StringComparison.Ordinal);
        }

        return "/" + Prefix + "/" + route;
    }
}
