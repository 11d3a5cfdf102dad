using Herald.Local;

[assembly: AssemblyFixture(typeof(Herald.Functions.Tests.Infrastructure.AzuriteFixture))]

namespace Herald.Functions.Tests.Infrastructure;

/// <summary>
/// One real Azurite for the whole run (Herald.Local's LocalAzurite: the repository's node_modules, 127.0.0.1, free
/// ports, in memory, stopped by its PID) with a storage account per test. The Functions host reads queue names from
/// the function metadata as they are ("signup-requests"), so tests are kept apart by account rather than by a
/// Storage:NamePrefix that the triggers would not know about.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    /// <summary>More than the tests take; Azurite learns its accounts when it starts.</summary>
    private const int Accounts = 64;

    private LocalAzurite? _azurite;
    private int _nextAccount;

    public async ValueTask InitializeAsync()
    {
        // AZURITE_ACCOUNTS is read by Azurite at start; the child inherits it from this process.
        Environment.SetEnvironmentVariable("AZURITE_ACCOUNTS", string.Join(';', Enumerable.Range(1, Accounts).Select(i => $"{AccountName(i)}:{LocalAzurite.AccountKey}")));
        _azurite = await LocalAzurite.StartAsync(RepositoryPaths.Root, dataDirectory: null);
    }

    public async ValueTask DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    /// <summary>A connection string to a storage account no other test uses.</summary>
    public string NewAccount()
    {
        var azurite = _azurite ?? throw new InvalidOperationException("Azurite has not started.");
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
}
