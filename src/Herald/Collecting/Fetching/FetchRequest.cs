namespace Herald.Collecting.Fetching;

/// <summary>One GET: the address, a size cap, and the validators of the copy we already have.</summary>
public sealed record FetchRequest(Uri Url, int MaxBytes, bool AllowPrivateHost = false, string? ETag = null, string? LastModified = null);
