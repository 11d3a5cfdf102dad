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
    public bool Succeeded => Summarize.Failed == 0 && Send.Failed == 0 && Send.Parked == 0;
}
