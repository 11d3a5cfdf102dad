using System.Globalization;
using Herald.Configuration;
using Microsoft.Extensions.Options;

namespace Herald.Rendering;

/// <summary>Public URLs of the HTTP functions, built from Herald:PublicBaseUrl. Routes match the functions' routes.</summary>
public sealed class SiteLinks(IOptions<HeraldOptions> options)
{
    private string Base => options.Value.PublicBaseUrl.TrimEnd('/');

    public string Archive(string newsletterId, DateOnly date) =>
        $"{Base}/api/archive/{newsletterId}/{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    public string SubscribePage(string newsletterId) => $"{Base}/api/subscribe/{newsletterId}";

    public string Confirm(string token) => $"{Base}/api/confirm?token={Uri.EscapeDataString(token)}";

    public string Unsubscribe(string token) => $"{Base}/api/unsubscribe?token={Uri.EscapeDataString(token)}";

    public string Preferences(string token) => $"{Base}/api/preferences?token={Uri.EscapeDataString(token)}";
}
