namespace Herald.Subscribers;

/// <summary>What sending needs of an active subscriber: who, where, and how to greet them.</summary>
public sealed record Recipient(string Id, string Email, string? Name);
