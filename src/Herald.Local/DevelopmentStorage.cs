
namespace Herald.Local;

/// <summary>
/// Makes sure "UseDevelopmentStorage=true" has an Azurite to talk to: one already listening on the standard
/// ports is used as it is; otherwise one is started on them, keeping its data under .herald/azurite, and
/// stopped again when the command ends.
/// </summary>
public static class DevelopmentStorage
{
    public const int BlobPort = 10000;
    public const int QueuePort = 10001;
    public const int TablePort = 10002;

    public static bool IsDevelopmentStorage(string? connection) =>
        string.IsNullOrWhiteSpace(connection) || connection.Trim().Equals("UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The Azurite this command started, or null when one was already running.</summary>
    public static async Task<LocalAzurite?> EnsureRunningAsync(string home, string dataDirectory, TextWriter output, CancellationToken cancellationToken)
    {
        var answering = new[] { await LocalPorts.AnswersAsync(BlobPort), await LocalPorts.AnswersAsync(QueuePort), await LocalPorts.AnswersAsync(TablePort) };
        if (answering.All(a => a))
        {
            output.WriteLine("Storage:    Azurite already running on 127.0.0.1:10000-10002");
            return null;
        }

        if (answering.Any(a => a))
        {
            var held = string.Join(", ", new[] { BlobPort, QueuePort, TablePort }.Where((_, i) => answering[i]));
            throw new PortsInUseException($"port {held} of 10000-10002 is in use by something that is not a complete Azurite, so Herald cannot start its own there.");
        }

        var location = Path.Combine(dataDirectory, "azurite");
        var azurite = await LocalAzurite.StartAsync(home, location, BlobPort, QueuePort, TablePort, cancellationToken);
        output.WriteLine($"Storage:    started Azurite (pid {azurite.ProcessId}) on 127.0.0.1:10000-10002, data in {location}");
        return azurite;
    }
}
