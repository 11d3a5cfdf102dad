namespace Herald.Collecting.Fetching;

/// <summary>
/// One GET: the address, a size cap, and the validators of the copy we already have. <see cref="AllowPrivateHost"/>
/// lets the address's own host be private; <see cref="AllowOwnPort"/> lets its own port be other than 80 and 443
/// (both because an operator wrote the address, not a feed).
/// </summary>
public sealed record FetchRequest(Uri Url, int MaxBytes, bool AllowPrivateHost = false, string? ETag = null, string? LastModified = null, bool AllowOwnPort = false);
