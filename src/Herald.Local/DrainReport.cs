namespace Herald.Local;

/// <summary>What draining a queue did.</summary>
public sealed record DrainReport(int Processed, int Failed, int Poisoned);
