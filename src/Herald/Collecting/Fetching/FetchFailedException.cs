namespace Herald.Collecting.Fetching;

/// <summary>A fetch that was refused or failed for a reason worth telling the operator (status, size, scheme, address).</summary>
public sealed class FetchFailedException(string message, Exception? inner = null) : Exception(message, inner);
