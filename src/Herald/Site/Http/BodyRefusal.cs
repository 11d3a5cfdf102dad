namespace Herald.Site.Http;

/// <summary>Why a body could not be read: what the caller hears (a 4xx), never an exception.</summary>
public sealed record BodyRefusal(int Status, string Message);
