using Microsoft.Extensions.Logging;

namespace Herald.Storage;

/// <summary>
/// Removes expired rows of every feature that keeps some (<see cref="IExpiringRecords"/>), on the PruneRecords timer
/// or <c>herald prune</c>. One failing set of rows is logged and does not stop the others; the next run tries again.
/// </summary>
public sealed class RecordPruner(IEnumerable<IExpiringRecords> records, ILogger<RecordPruner> logger)
{
    /// <summary>Rows removed, by set; a set that failed is reported as -1.</summary>
    public async Task<IReadOnlyDictionary<string, int>> PruneAsync(CancellationToken cancellationToken)
    {
        var removed = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var set in records)
        {
            try
            {
                removed[set.Name] = await set.PruneAsync(cancellationToken);
                logger.LogInformation("Pruned {Count} expired rows of {Records}", removed[set.Name], set.Name);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                removed[set.Name] = -1;
                logger.LogWarning(ex, "Pruning {Records} failed; the next run tries again", set.Name);
            }
        }

        return removed;
    }
}
