using Herald.Collecting;
using Herald.Delivery;
using Herald.Editions;
using Herald.Local;
using Herald.Queues;
using Herald.Storage;
using Herald.Subscribers;
using Herald.Summarizing;
using Herald.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

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
