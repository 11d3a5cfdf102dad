namespace Herald.Collecting;

/// <summary>What re-tagging the stored articles of a window did.</summary>
public sealed record RetagReport(int Articles, int Changed, int Unchanged, int Missing);
