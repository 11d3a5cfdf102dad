namespace Herald.Storage;

/// <summary>
/// Rows a feature keeps only for a while - replay protection, de-duplication, daily counts - and removes once they can
/// no longer matter. Each feature says which rows and how long; <see cref="RecordPruner"/> runs them all.
/// </summary>
public interface IExpiringRecords
{
    /// <summary>What the rows are, for the log and the report ("provider events").</summary>
    string Name { get; }

    /// <summary>Removes the rows that have expired; returns how many.</summary>
    Task<int> PruneAsync(CancellationToken cancellationToken);
}
