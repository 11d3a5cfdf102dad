using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace Herald.Collecting.Fetching;

/// <summary>The two HTTP clients of <see cref="WebFetcher"/>: one for public addresses only, one that may reach private ones.</summary>
public static class WebClientRegistration
{
    /// <summary>How Herald names itself to the sites it reads.</summary>
    public const string UserAgent = "Herald/0.1 (newsletter digest; +https://github.com/herald-newsletter/herald)";

    public static IServiceCollection AddHeraldWebClients(this IServiceCollection services)
    {
        Add(services, WebFetcher.PublicClient, allowPrivate: false);
        Add(services, WebFetcher.PrivateClient, allowPrivate: true);
        services.AddSingleton<WebFetcher>();
        return services;
    }

    private static void Add(IServiceCollection services, string name, bool allowPrivate)
    {
        services.AddHttpClient(name, client =>
            {
                client.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
                client.DefaultRequestHeaders.Accept.ParseAdd("application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/html;q=0.9, */*;q=0.5");
                client.Timeout = Timeout.InfiniteTimeSpan; // the resilience pipeline owns the timeouts
            })
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var proxy = sp.GetRequiredService<IOptions<CollectingOptions>>().Value.Proxy;
                var configured = !string.IsNullOrEmpty(proxy);
                return new SocketsHttpHandler
                {
                    AllowAutoRedirect = false, // WebFetcher follows redirects itself, checking each hop
                    AutomaticDecompression = DecompressionMethods.All,
                    MaxConnectionsPerServer = sp.GetRequiredService<IOptions<CollectingOptions>>().Value.MaxConnectionsPerHost,
                    PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                    ConnectTimeout = TimeSpan.FromSeconds(10),
                    ConnectCallback = NetworkGuard.ConnectCallback(allowPrivate, proxy: configured ? ProxyAddress.EndPoint(proxy!) : null),

                    // A proxy from the environment (HTTP_PROXY) would connect for us, around the guard; only Herald's own
                    // setting is honoured, and WebFetcher judges each target before handing it over.
                    UseProxy = configured,
                    Proxy = configured ? ProxyAddress.Create(proxy!) : null,
                    UseCookies = false,
                };
            })
            .AddStandardResilienceHandler()
            .SelectPipelineByAuthority()
            .Configure((HttpStandardResilienceOptions resilience, IServiceProvider sp) =>
            {
                var collecting = sp.GetRequiredService<IOptions<CollectingOptions>>().Value;
                resilience.AttemptTimeout.Timeout = collecting.AttemptTimeout;
                resilience.TotalRequestTimeout.Timeout = collecting.TotalTimeout > collecting.AttemptTimeout ? collecting.TotalTimeout : collecting.AttemptTimeout * 2;
                resilience.Retry.MaxRetryAttempts = Math.Max(1, collecting.Retries);
                resilience.Retry.Delay = TimeSpan.FromMilliseconds(500);
                resilience.Retry.ShouldHandle = collecting.Retries == 0 ? _ => ValueTask.FromResult(false) : resilience.Retry.ShouldHandle;
                resilience.CircuitBreaker.SamplingDuration = collecting.AttemptTimeout * 2 > TimeSpan.FromSeconds(30) ? collecting.AttemptTimeout * 2 + TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(30);
            });
    }
}
