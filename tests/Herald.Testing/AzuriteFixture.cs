using Herald.Local;

namespace Herald.Testing;

/// <summary>
/// One real Azurite for the whole test run: started from the repository's node_modules on free ports, bound to
/// 127.0.0.1, in memory, and stopped by its PID. Set HERALD_TEST_STORAGE to a connection string to use an
/// Azurite that is already running instead. Tests isolate themselves with unique name prefixes, or, where a
/// prefix cannot reach (the Functions host reads queue names from the function metadata as they are), with a
/// storage account of their own (<see cref="NewAccount"/>).
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public const string ConnectionVariable = "HERALD_TEST_STORAGE";

    /// <summary>Accounts besides the default one; more than any run takes. Azurite learns its accounts when it starts.</summary>
    private const int Accounts = 64;

    private LocalAzurite? _azurite;
    private int _nextAccount;

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

        // AZURITE_ACCOUNTS is read by Azurite at start; the child inherits it from this process. The default account stays.
        Environment.SetEnvironmentVariable("AZURITE_ACCOUNTS", string.Join(';', Enumerable.Range(1, Accounts).Select(i => $"{AccountName(i)}:{LocalAzurite.AccountKey}").Prepend($"{LocalAzurite.AccountName}:{LocalAzurite.AccountKey}")));
        _azurite = await LocalAzurite.StartAsync(RepositoryPaths.Root, dataDirectory: null);
        ConnectionString = _azurite.ConnectionString;
    }

    /// <summary>A connection string to a storage account no other test uses (only on the Azurite this fixture started).</summary>
    public string NewAccount()
    {
        var azurite = _azurite ?? throw new InvalidOperationException($"Storage accounts of their own need the Azurite the tests start; unset {ConnectionVariable}.");
        var number = Interlocked.Increment(ref _nextAccount);
        if (number > Accounts)
        {
            throw new InvalidOperationException($"More than {Accounts} storage accounts asked for; raise {nameof(Accounts)}.");
        }

        var name = AccountName(number);
        return $"DefaultEndpointsProtocol=http;AccountName={name};AccountKey={LocalAzurite.AccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{azurite.BlobPort}/{name};QueueEndpoint=http://127.0.0.1:{azurite.QueuePort}/{name};TableEndpoint=http://127.0.0.1:{azurite.TablePort}/{name};";
    }

    private static string AccountName(int number) => $"herald{number:D2}";

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
