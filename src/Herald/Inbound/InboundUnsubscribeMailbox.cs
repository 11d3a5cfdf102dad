using Herald.Links;
using Microsoft.Extensions.Options;

namespace Herald.Inbound;

/// <summary>The unsubscribe address at Inbound:ParseDomain, when Herald receives mail there.</summary>
public sealed class InboundUnsubscribeMailbox(IOptions<InboundOptions> options) : IUnsubscribeMailbox
{
    public string? AddressFor(string unsubscribeToken) =>
        options.Value.Enabled ? InboundAddresses.Unsubscribe(unsubscribeToken, options.Value.ParseDomain!.Trim()) : null;
}
