namespace Herald.Delivery;

/// <summary>Another sender changed a batch this one held (its claim had lapsed): this run stops; the ledger stays right.</summary>
public sealed class ClaimLostException(string message) : Exception(message);
