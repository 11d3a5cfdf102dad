using System.Runtime.CompilerServices;
using Herald.Links;
using Herald.Queues;
using Herald.Site;
using Herald.Site.Http;
using Herald.Storage;
using Herald.Subscribers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Herald.Local;

/// <summary>
/// "herald serve": the site's handlers — the very ones the Functions app's HTTP functions call — on Kestrel at
/// 127.0.0.1, on the same routes (/api/...), with the sign-up queue processed in the background as the
/// ProcessSignUp function does in Azure. Every answer passes <see cref="SiteGuardMiddleware"/>: headers on the
/// framework's own answers, an escaping exception a logged 500.
/// </summary>
public sealed class SiteServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _signUps;
    private readonly StrongBox<int> _handled;

    private SiteServer(WebApplication app, Task signUps, StrongBox<int> handled, CancellationTokenSource stopping) => (_app, _signUps, _handled, _stopping) = (app, signUps, handled, stopping);

    public Uri Url { get; private set; } = null!;

    /// <summary>Sign-up messages handled so far (stored, mailed or found owing nothing): what a caller waits for to know the queue's work is done.</summary>
    public int SignUpsHandled => Volatile.Read(ref _handled.Value);

    public static async Task<SiteServer> StartAsync(IServiceProvider herald, int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        // Kestrel refuses a request line over its limit, or a header byte past 0x7F, itself, bare: a 400 or 414 without
        // the site's headers or a sentence. So its line limit sits above the guard's, and header bytes reach the guard
        // (as Latin-1, one char a byte), which refuses both with headers.
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestLineSize = 4 * SiteGuardMiddleware.MaxUrlLength;
            kestrel.RequestHeaderEncodingSelector = _ => System.Text.Encoding.Latin1;
        });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(herald.GetRequiredService<ILoggerFactory>());
        var app = builder.Build();
        app.UseMiddleware<SiteGuardMiddleware>();
        foreach (var endpoint in SiteEndpoints.All)
        {
            var handler = (ISiteHandler)herald.GetRequiredService(endpoint.Handler);
            app.MapMethods($"/{Routes.Prefix}/{endpoint.Route}", endpoint.Methods, (Func<HttpContext, Task<IResult>>)(context => handler.HandleAsync(context, context.RequestAborted)));
        }

        await app.StartAsync();
        var stopping = new CancellationTokenSource();
        var handled = new StrongBox<int>();
        var server = new SiteServer(app, ProcessSignUpsAsync(herald, handled, stopping.Token), handled, stopping)
        {
            Url = new Uri(app.Urls.First()),
        };
        return server;
    }

    /// <summary>Drains the sign-up queue every moment, as the queue trigger would, until the server stops.</summary>
    private static async Task ProcessSignUpsAsync(IServiceProvider herald, StrongBox<int> handled, CancellationToken stopping)
    {
        var drainer = herald.GetRequiredService<QueueDrainer>();
        var signUps = herald.GetRequiredService<SignUpService>();
        var queue = herald.GetRequiredService<HeraldStorage>().SignUpQueue;
        var logger = herald.GetRequiredService<ILogger<SiteServer>>();
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await herald.GetRequiredService<HeraldStorage>().EnsureCreatedAsync();
                await drainer.DrainAsync(queue, async (body, ct) =>
                {
                    await signUps.RequestAsync(SignUpQueue.Parse(body), ct);
                    Interlocked.Increment(ref handled.Value);
                }, stopping, parallelism: 4, receiveBatch: 8);
                await Task.Delay(TimeSpan.FromMilliseconds(250), stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError("Processing sign-ups failed ({Error}); trying again", ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        try
        {
            await _signUps;
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }
}
