using Herald.Editions;
using Microsoft.Azure.Functions.Worker;

namespace Herald.Functions.Timers;

/// <summary>Builds each newsletter's edition on the %DigestSchedule% timer and queues its send batches.</summary>
public sealed class BuildDigests(EditionDispatcher dispatcher)
{
    [Function(nameof(BuildDigests))]
    public async Task Run([TimerTrigger("%DigestSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        await dispatcher.DispatchAllAsync(cancellationToken);
}
