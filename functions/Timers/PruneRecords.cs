using Herald.Storage;
using Microsoft.Azure.Functions.Worker;

namespace Herald.Functions.Timers;

/// <summary>Removes expired replay-protection, de-duplication and count rows on the %PruneSchedule% timer (daily).</summary>
public sealed class PruneRecords(RecordPruner pruner)
{
    [Function(nameof(PruneRecords))]
    public async Task Run([TimerTrigger("%PruneSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        await pruner.PruneAsync(cancellationToken);
}
