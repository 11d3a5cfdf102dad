using System.ComponentModel.DataAnnotations;

namespace Herald.Subscribers;

/// <summary>The key that signs subscribers' links (Herald:SigningKey).</summary>
public sealed class TokenOptions
{
    public const string SectionName = "Herald";

    /// <summary>Secret used to sign confirm/unsubscribe links (HMAC-SHA256). At least 32 characters.</summary>
    [Required, MinLength(32)]
    public string SigningKey { get; set; } = "";
}
