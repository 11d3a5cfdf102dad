namespace Herald.Telemetry;

/// <summary>
/// How far a long step has got, for a command line to show: <see cref="Done"/> of <see cref="Total"/> units (sources,
/// articles, batches) of <see cref="Stage"/>, the unit just finished (<see cref="Item"/>), and a running count of what
/// the step produced (<see cref="Produced"/>: new articles, emails).
/// </summary>
public sealed record StepProgress(string Stage, int Done, int Total, string? Item = null, int Produced = 0);
