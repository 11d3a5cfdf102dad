using Herald.Collecting;
using Herald.Editions;

namespace Herald.Local;

/// <summary>What "herald run" did, stage by stage.</summary>
public sealed record PipelineReport(
    (int Added, int Known)? Subscribers,
    CollectReport Collect,
    DrainReport Summarize,
    IReadOnlyList<EditionReport> Editions,
    DrainReport Send,
    int EmailsSent,
    int EmailsAlreadySent)
{
    /// <summary>The subscribers file the run added people from (Local:SubscribersFile); null when none.</summary>
    public string? SubscribersFile { get; init; }

    /// <summary>False when any part of the work failed: a source, a summary, an edition, a send batch (failed or parked).</summary>
    public bool Succeeded => Collect.FailedSources == 0 && Summarize.Failed == 0 && Editions.All(e => e.Outcome != EditionOutcome.Failed) && Send.Failed == 0 && Send.Parked == 0;
}
