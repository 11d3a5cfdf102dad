namespace Herald.Links;

/// <summary>
/// The address a reader can mail to leave a newsletter (RFC 2369's mailto in List-Unsubscribe), for clients that cannot
/// POST the https link. Mail to Herald is a feature of its own (Inbound), which knows whether Herald receives mail and
/// where; the digest's headers ask it through this.
/// </summary>
public interface IUnsubscribeMailbox
{
    /// <summary>"unsubscribe+TOKEN@parse.example.com", or null when Herald receives no mail.</summary>
    string? AddressFor(string unsubscribeToken);
}
