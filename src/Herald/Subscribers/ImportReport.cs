namespace Herald.Subscribers;

/// <summary>What an import did: rows added, rows already so, and each refused row with its line and reason.</summary>
public sealed record ImportReport(int Added, int Unchanged, IReadOnlyList<(int Line, string Reason)> Rejected);
