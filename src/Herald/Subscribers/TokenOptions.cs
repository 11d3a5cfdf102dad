using System.ComponentModel.DataAnnotations;

namespace Herald.Subscribers;

/// <summary>The keys that sign subscribers' links (Herald:SigningKey, Herald:PreviousSigningKeys).</summary>
public sealed class TokenOptions
{
    public const string SectionName = "Herald";

    /// <summary>Secret that signs new links (HMAC-SHA256). At least 32 characters.</summary>
    [Required, MinLength(32)]
    public string SigningKey { get; set; } = "";

    /// <summary>Keys that signed links still in people's inboxes: they verify, they never sign. Rotating keeps old unsubscribe links working.</summary>
    public List<string> PreviousSigningKeys { get; set; } = [];
}
