namespace Herald.Functions.Tests.Infrastructure;

/// <summary>The worker's WorkerInitResponse: its result, version and the capabilities it asks the host to honour.</summary>
public sealed record WorkerInit(bool Succeeded, string WorkerVersion, string RuntimeName, IReadOnlyDictionary<string, string> Capabilities, string? Failure);
