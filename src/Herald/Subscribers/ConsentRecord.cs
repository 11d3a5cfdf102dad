namespace Herald.Subscribers;

/// <summary>One step of a subscriber's consent: what happened to which newsletter, when, through what, from a hash of which IP.</summary>
public sealed record ConsentRecord(DateTimeOffset At, string Newsletter, string Action, string Source, string? IpHash);
