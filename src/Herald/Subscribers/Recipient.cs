namespace Herald.Subscribers;

/// <summary>
/// What sending needs of an active subscriber: who, where, and how to greet them. <see cref="TimeZone"/> is the zone
/// they chose (null: the newsletter's); <see cref="ReleaseAt"/>, set in the send batches of a newsletter delivered in
/// each reader's morning, is when their copy may go (null: at once).
/// </summary>
public sealed record Recipient(string Id, string Email, string? Name, string? TimeZone = null, DateTimeOffset? ReleaseAt = null);
