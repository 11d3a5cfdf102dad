namespace Herald.Collecting;

/// <summary>A page Herald will not extract (nested too deep to walk in reasonable time); the item keeps its feed text.</summary>
public sealed class PageRejectedException(string message) : Exception(message);
