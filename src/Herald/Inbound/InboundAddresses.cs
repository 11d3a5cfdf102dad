namespace Herald.Inbound;

/// <summary>
/// The addresses Herald receives mail at, one shape each, in the style mailing lists have used for decades:
/// "{newsletter}+subscribe@domain", "{newsletter}@domain" and "unsubscribe+TOKEN@domain". The local part's case is
/// kept for the token (signed, case-sensitive) and ignored for the rest.
/// </summary>
public static class InboundAddresses
{
    public static string Subscribe(string newsletterId, string domain) => $"{newsletterId}+subscribe@{domain}";

    public static string Newsletter(string newsletterId, string domain) => $"{newsletterId}@{domain}";

    public static string Unsubscribe(string token, string domain) => $"unsubscribe+{token}@{domain}";

    /// <summary>What <paramref name="address"/> asks for, when it is at <paramref name="domain"/> and names something Herald knows.</summary>
    public static InboundAddress Read(string? address, string domain, IReadOnlyCollection<string> newsletterIds)
    {
        var trimmed = (address ?? "").Trim().Trim('<', '>');
        var at = trimmed.LastIndexOf('@');
        if (at <= 0 || trimmed.Length > 320 || !trimmed[(at + 1)..].Equals(domain, StringComparison.OrdinalIgnoreCase))
        {
            return new InboundAddress(InboundAddressKind.Unknown);
        }

        var local = trimmed[..at];
        var plus = local.IndexOf('+', StringComparison.Ordinal);
        var box = (plus < 0 ? local : local[..plus]).ToLowerInvariant();
        var detail = plus < 0 ? "" : local[(plus + 1)..];
        if (box == "unsubscribe" && detail.Length > 0)
        {
            return new InboundAddress(InboundAddressKind.Unsubscribe, Token: detail);
        }

        if (!newsletterIds.Contains(box))
        {
            return new InboundAddress(InboundAddressKind.Unknown);
        }

        return detail.ToLowerInvariant() switch
        {
            "subscribe" => new InboundAddress(InboundAddressKind.Subscribe, box),
            "" or "help" or "request" => new InboundAddress(InboundAddressKind.Newsletter, box),
            _ => new InboundAddress(InboundAddressKind.Unknown),
        };
    }
}
