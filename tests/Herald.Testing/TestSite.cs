using System.Net.Http.Headers;
using System.Text;
using Herald.Local;

namespace Herald.Testing;

/// <summary>Herald's site as "herald serve" hosts it (Kestrel, 127.0.0.1, a free port), over a <see cref="TestHerald"/>, with a client for it.</summary>
public sealed class TestSite : IAsyncDisposable
{
    private TestSite(TestHerald herald, SiteServer server)
    {
        Herald = herald;
        Server = server;
        // Latin-1 header encoding lets a test put any byte in a header (U+00E4 is the byte 0xE4), as an attacker's client can.
        Client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, RequestHeaderEncodingSelector = (_, _) => Encoding.Latin1 }) { BaseAddress = server.Url };
    }

    public TestHerald Herald { get; }
    public SiteServer Server { get; }
    public HttpClient Client { get; }
    public Uri Url => Server.Url;

    public static async Task<TestSite> StartAsync(AzuriteFixture azurite, IDictionary<string, string?>? settings = null, bool realTime = false, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null)
    {
        var port = LocalPorts.Free();
        var all = new Dictionary<string, string?> { ["Herald:PublicBaseUrl"] = $"http://127.0.0.1:{port}" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var herald = await TestHerald.StartAsync(azurite, all, services: services, realTime: realTime);
        return new TestSite(herald, await SiteServer.StartAsync(herald.Services, port));
    }

    public Task<HttpResponseMessage> PostFormAsync(string path, params (string Name, string Value)[] fields) =>
        SendAsync(HttpMethod.Post, path, new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))));

    public Task<HttpResponseMessage> PostJsonAsync(string path, string json) =>
        SendAsync(HttpMethod.Post, path, new StringContent(json, Encoding.UTF8, "application/json"));

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content = null, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        foreach (var (name, value) in headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return await Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public static MediaTypeHeaderValue Json => new("application/json");

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        await Herald.DisposeAsync();
    }
}
