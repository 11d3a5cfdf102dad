using Herald.Local;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Testing;

/// <summary>
/// Herald as the CLI builds it from the sample configuration, pointed at the test Azurite with its own name
/// prefix, its own outbox folder and a controllable clock.
/// </summary>
public sealed class TestHerald : IAsyncDisposable
{
    private TestHerald(IHost host, string prefix, string dataDirectory, FakeTimeProvider time)
    {
        Host = host;
        Prefix = prefix;
        DataDirectory = dataDirectory;
        Time = time;
    }

    public IHost Host { get; }
    public string Prefix { get; }
    public string DataDirectory { get; }
    public string Outbox => Path.Combine(DataDirectory, "outbox");
    public FakeTimeProvider Time { get; }
    public IServiceProvider Services => Host.Services;

    public T Get<T>() where T : notnull => Host.Services.GetRequiredService<T>();

    /// <summary>A function class (or any class) built from Herald's services, as the Functions host builds it.</summary>
    public T Create<T>() => ActivatorUtilities.CreateInstance<T>(Host.Services);

    public static readonly DateTimeOffset SampleNow = new(2026, 11, 25, 11, 0, 0, TimeSpan.Zero);

    public static async Task<TestHerald> StartAsync(AzuriteFixture azurite, IDictionary<string, string?>? settings = null, string? configFile = null, Action<IServiceCollection>? services = null, string? prefix = null, bool realTime = false)
    {
        prefix ??= AzuriteFixture.UniquePrefix();
        var data = Path.Combine(Path.GetTempPath(), "herald-tests", prefix + "-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(data);
        var overrides = new Dictionary<string, string?>
        {
            ["HeraldStorage"] = azurite.ConnectionString,
            ["Storage:NamePrefix"] = prefix,
            ["Delivery:OutboxDirectory"] = Path.Combine(data, "outbox"),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            overrides[key] = value;
        }

        var time = new FakeTimeProvider(SampleNow);
        var host = HeraldHost.Build(configFile ?? RepositoryPaths.SampleConfig, data, overrides, verbose: false, collection =>
        {
            // The HTTP resilience pipeline takes its clock from the container too: tests of fetching need real time.
            if (!realTime)
            {
                collection.AddSingleton<TimeProvider>(time);
            }

            services?.Invoke(collection);
        });
        await HeraldHost.StartAsync(host);
        return new TestHerald(host, prefix, data, time);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
