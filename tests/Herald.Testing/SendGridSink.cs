using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Herald.Testing;

/// <summary>
/// A SendGrid-compatible mail/send endpoint on 127.0.0.1 that a test starts: it reads each request (gzip or not),
/// and either accepts it — counting every recipient it accepted — or, for a share of requests, answers with a fault
/// before accepting anything: 429 with Retry-After, 500, a dropped connection, or a stall before answering (then
/// accepting). Addresses in <see cref="Refuse"/> make their request a 400 naming them, as SendGrid does.
/// </summary>
public sealed class SendGridSink : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Random _random;
    private readonly Lock _gate = new();

    private SendGridSink(WebApplication app, int seed) => (_app, _random) = (app, new Random(seed));

    public Uri Url { get; private set; } = null!;

    /// <summary>Share of requests answered with a fault (0 to 1).</summary>
    public double FaultRate { get; set; }

    public SinkFault[] Faults { get; set; } = Enum.GetValues<SinkFault>();

    public TimeSpan Stall { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>When set, every request is answered with this status (401: a revoked key).</summary>
    public int? ForcedStatus { get; set; }

    public HashSet<string> Refuse { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How many times each address was accepted.</summary>
    public ConcurrentDictionary<string, int> Accepted { get; } = new(StringComparer.OrdinalIgnoreCase);

    public ConcurrentDictionary<SinkFault, int> FaultsAnswered { get; } = new();

    public ConcurrentBag<JsonDocument> AcceptedBodies { get; } = [];

    public bool KeepBodies { get; set; }

    private int _requests;

    public int Requests => Volatile.Read(ref _requests);

    public int Duplicates => Accepted.Values.Sum(n => n - 1);

    public static async Task<SendGridSink> StartAsync(int seed = 7)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 64 * 1024 * 1024);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var sink = new SendGridSink(app, seed);
        app.MapPost("/v3/mail/send", sink.HandleAsync);
        await app.StartAsync();
        sink.Url = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return sink;
    }

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        SinkFault? fault = null;
        lock (_gate)
        {
            if (_random.NextDouble() < FaultRate)
            {
                fault = Faults[_random.Next(Faults.Length)];
            }
        }

        if (ForcedStatus is { } forced)
        {
            context.Response.StatusCode = forced;
            await context.Response.WriteAsync("""{"errors":[{"message":"The provided authorization grant is invalid, expired, or revoked","field":null,"help":null}]}""");
            return;
        }

        if (fault is SinkFault.DropConnection)
        {
            FaultsAnswered.AddOrUpdate(SinkFault.DropConnection, 1, (_, n) => n + 1);
            context.Features.Get<IHttpRequestLifetimeFeature>()!.Abort();
            return;
        }

        var body = context.Request.Headers.ContentEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase)
            ? new GZipStream(context.Request.Body, CompressionMode.Decompress)
            : context.Request.Body;
        using var document = await JsonDocument.ParseAsync(body);
        if (fault is SinkFault.Throttle or SinkFault.ServerError)
        {
            FaultsAnswered.AddOrUpdate(fault.Value, 1, (_, n) => n + 1);
            context.Response.StatusCode = fault == SinkFault.Throttle ? 429 : 500;
            if (fault == SinkFault.Throttle)
            {
                context.Response.Headers.RetryAfter = "1";
            }

            return;
        }

        var addresses = document.RootElement.GetProperty("personalizations").EnumerateArray()
            .Select(p => p.GetProperty("to")[0].GetProperty("email").GetString()!)
            .ToList();
        var refused = addresses.Select((a, i) => (a, i)).Where(x => Refuse.Contains(x.a)).ToList();
        if (refused.Count > 0)
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsJsonAsync(new
            {
                errors = refused.Select(r => new { message = "Does not contain a valid address.", field = $"personalizations.{r.i}.to.0.email", help = "http://sendgrid.com/docs/API_Reference/Web_API_v3/Mail/errors.html#message.personalizations.to" }),
            });
            return;
        }

        if (fault is SinkFault.Stall)
        {
            FaultsAnswered.AddOrUpdate(SinkFault.Stall, 1, (_, n) => n + 1);
            await Task.Delay(Stall);
        }

        foreach (var address in addresses)
        {
            Accepted.AddOrUpdate(address, 1, (_, n) => n + 1);
        }

        if (KeepBodies)
        {
            AcceptedBodies.Add(JsonDocument.Parse(document.RootElement.GetRawText()));
        }

        context.Response.StatusCode = 202;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
