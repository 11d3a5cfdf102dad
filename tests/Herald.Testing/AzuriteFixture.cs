using Herald.Local;

namespace Herald.Testing;

/// <summary>
/// One real Azurite for the whole test run: started from the repository's node_modules on free ports, bound to
/// 127.0.0.1, in memory, and stopped by its PID. Set HERALD_TEST_STORAGE to a connection string to use an
/// Azurite that is already running instead. Tests isolate themselves with unique name prefixes.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public const string ConnectionVariable = "HERALD_TEST_STORAGE";

    private LocalAzurite? _azurite;

    public string ConnectionString { get; private set; } = "";

    /// <summary>PID of the Azurite this fixture started; null when it uses one given by the environment.</summary>
    public int? ProcessId => _azurite?.ProcessId;

    public async ValueTask InitializeAsync()
    {
        var given = Environment.GetEnvironmentVariable(ConnectionVariable);
        if (!string.IsNullOrWhiteSpace(given))
        {
            ConnectionString = given;
            return;
        }

        _azurite = await LocalAzurite.StartAsync(RepositoryPaths.Root, dataDirectory: null);
        ConnectionString = _azurite.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    /// <summary>A fresh storage name prefix: lowercase, starts with a letter, unique per call.</summary>
    public static string UniquePrefix() => "t" + Guid.NewGuid().ToString("N")[..10];
}
