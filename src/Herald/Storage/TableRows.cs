using Azure.Data.Tables;

namespace Herald.Storage;

/// <summary>Deleting many rows of a table: read by a filter (keys only), deleted a hundred to a transaction within each partition.</summary>
public static class TableRows
{
    public static async Task<int> DeleteAsync(TableClient table, string filter, CancellationToken cancellationToken)
    {
        var keys = new List<(string Partition, string Row)>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            keys.Add((row.PartitionKey, row.RowKey));
        }

        foreach (var group in keys.GroupBy(k => k.Partition).SelectMany(g => g.Chunk(100)))
        {
            await table.SubmitTransactionAsync(group.Select(k => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(k.Partition, k.Row), Azure.ETag.All)), cancellationToken);
        }

        return keys.Count;
    }
}
