namespace Herald.Delivery;

/// <summary>Why sending a batch stops before its chunks are done: it was parked, or the message goes back to the queue until <see cref="DeferUntil"/>.</summary>
public sealed record ChunkStop(bool Parked, DateTimeOffset? DeferUntil = null, string Reason = "");
