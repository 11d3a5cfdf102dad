namespace Herald.Collecting.Fetching;

/// <summary>What came back. <see cref="NotModified"/> means our copy is current (304) and <see cref="Content"/> is empty.</summary>
public sealed record FetchResult(bool NotModified, byte[] Content, Uri FinalUrl, string? Charset, string? MediaType, string? ETag, string? LastModified);
