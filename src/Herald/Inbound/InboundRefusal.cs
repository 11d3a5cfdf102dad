namespace Herald.Inbound;

/// <summary>Why a post is not an Inbound Parse request Herald can read: the 4xx status and a sentence for the caller.</summary>
public sealed record InboundRefusal(int Status, string Message);
