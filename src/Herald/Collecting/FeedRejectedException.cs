namespace Herald.Collecting;

/// <summary>A feed that Herald will not read (unsafe, oversized or not a feed). The message says why.</summary>
public sealed class FeedRejectedException(string message, Exception? inner = null) : Exception(message, inner);
