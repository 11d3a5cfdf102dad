using System.Security.Cryptography;
using Herald.Local;
using Herald.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Herald.Functions.Tests.Infrastructure;

/// <summary>
/// One deployment of the app for one test: its own storage account on the test Azurite, an outbox folder, the
/// published worker under the test host with the deployment's app settings, and Herald's own services (as the CLI
/// builds them) on the same storage, to arrange what a test needs and to look at what the worker changed.
/// </summary>
public sealed class Deployment : IAsyncDisposable
{
    private Deployment(string storage, string directory, ECDsa webhookKey, IHost herald, IFunctionsHost worker)
    {
        Storage = storage;
        Directory = directory;
        WebhookKey = webhookKey;
        Herald = herald;
        Worker = worker;
    }

    public string Storage { get; }

    public string Directory { get; }

    public string Outbox => Path.Combine(Directory, "outbox");

    /// <summary>The SendGrid event webhook's key pair: the app has the public half, the test signs with this.</summary>
    public ECDsa WebhookKey { get; }

    public IHost Herald { get; }

    public IFunctionsHost Worker { get; }

    public T Get<T>() where T : notnull => Herald.Services.GetRequiredService<T>();

    /// <param name="settings">Changes to the deployment's app settings; a null value removes one.</param>
    public static async Task<Deployment> StartAsync(AzuriteFixture azurite, PublishedApp app, IDictionary<string, string?>? settings = null, CancellationToken cancellationToken = default)
    {
        FunctionsProtocol.SkipUnlessCompiled();
        var storage = azurite.NewAccount();
        var directory = NewDirectory();
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var appSettings = AppSettings.ForSample(storage, Path.Combine(directory, "outbox"), Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()));
        foreach (var (name, value) in settings ?? new Dictionary<string, string?>())
        {
            appSettings[name] = value;
        }

        var herald = await StartHeraldAsync(storage, directory);
        try
        {
            var worker = await FunctionsHost.StartAsync(app, appSettings, cancellationToken);
            return new Deployment(storage, directory, key, herald, worker);
        }
        catch
        {
            await StopAsync(herald);
            key.Dispose();
            throw;
        }
    }

    /// <summary>Herald's services as "herald" builds them from the sample configuration, on <paramref name="storage"/>.</summary>
    public static async Task<IHost> StartHeraldAsync(string storage, string directory, IDictionary<string, string?>? settings = null)
    {
        var overrides = new Dictionary<string, string?>
        {
            ["HeraldStorage"] = storage,
            ["Delivery:OutboxDirectory"] = Path.Combine(directory, "outbox"),
            ["Local:QueueVisibility"] = "00:00:05",
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string?>())
        {
            overrides[name] = value;
        }

        var host = HeraldHost.Build(RepositoryPaths.SampleConfig, directory, overrides, verbose: false);
        await HeraldHost.StartAsync(host);
        return host;
    }

    public static string NewDirectory()
    {
        var directory = Path.Combine(Path.GetTempPath(), "herald-functions-tests", Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(directory);
        return directory;
    }

    public async ValueTask DisposeAsync()
    {
        await Worker.DisposeAsync();
        await StopAsync(Herald);
        WebhookKey.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private static async Task StopAsync(IHost host)
    {
        await host.StopAsync();
        host.Dispose();
    }
}
