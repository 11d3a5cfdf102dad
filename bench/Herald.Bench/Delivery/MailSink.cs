using System.Collections.Concurrent;
using System.IO.Compression;
using System.IO.Hashing;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Herald.Bench.Delivery;

/// <summary>
/// The deliver benchmark's receiving end, run as its own process ("sink --port N"): a SendGrid-compatible mail/send
/// on 127.0.0.1 that reads each request (gzip or not), counts its personalizations and remembers which addresses it
/// saw (as 64-bit hashes) to count duplicates; it keeps the request bodies as received so the raw baseline can post
/// the very same bytes again.
/// </summary>
public static class MailSink
{
    public static async Task<int> RunAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 256 * 1024 * 1024);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var state = new SinkState();
        app.MapPost("/v3/mail/send", (Func<HttpContext, Task<IResult>>)state.ReceiveAsync);
        app.MapGet("/stats", () => Results.Json(state.Stats()));
        app.MapGet("/bodies/{index:int}", (int index) => state.Body(index));
        app.MapPost("/reset", (bool keep) => state.Reset(keep));
        await app.RunAsync();
        return 0;
    }

    public sealed record SinkStats(int Requests, long Personalizations, int Distinct, long Duplicates, int Bodies, long BodyBytes);

    private sealed class SinkState
    {
        private readonly ConcurrentDictionary<ulong, int> _seen = new();
        private readonly ConcurrentQueue<(byte[] Body, bool Gzip)> _bodies = new();
        private (byte[] Body, bool Gzip)[]? _indexed;
        private int _requests;
        private long _personalizations;
        private long _bodyBytes;
        private bool _keep = true;

        public async Task<IResult> ReceiveAsync(HttpContext context)
        {
            var gzip = context.Request.Headers.ContentEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase);
            using var received = new MemoryStream((int)(context.Request.ContentLength ?? 64 * 1024));
            await context.Request.Body.CopyToAsync(received);
            var raw = received.ToArray();
            var json = gzip ? Gunzip(raw) : raw;
            var count = Count(json);
            Interlocked.Increment(ref _requests);
            Interlocked.Add(ref _personalizations, count);
            Interlocked.Add(ref _bodyBytes, raw.Length);
            if (_keep)
            {
                _bodies.Enqueue((raw, gzip));
            }

            return Results.StatusCode(202);
        }

        public SinkStats Stats() => new(_requests, Interlocked.Read(ref _personalizations), _seen.Count, _seen.Values.Sum(n => (long)n - 1), _bodies.Count, Interlocked.Read(ref _bodyBytes));

        public IResult Body(int index)
        {
            _indexed ??= [.. _bodies];
            if (index < 0 || index >= _indexed.Length)
            {
                return Results.NotFound();
            }

            var (body, gzip) = _indexed[index];
            return Results.Bytes(body, gzip ? "application/gzip" : "application/json");
        }

        public IResult Reset(bool keep)
        {
            _seen.Clear();
            _bodies.Clear();
            _indexed = null;
            _requests = 0;
            _personalizations = 0;
            _bodyBytes = 0;
            _keep = keep;
            return Results.Ok();
        }

        private static byte[] Gunzip(byte[] raw)
        {
            using var gzip = new GZipStream(new MemoryStream(raw), CompressionMode.Decompress);
            using var output = new MemoryStream(raw.Length * 4);
            gzip.CopyTo(output);
            return output.ToArray();
        }

        /// <summary>Counts personalizations and records each one's first "to" address, reading the JSON once without building objects.</summary>
        private int Count(byte[] json)
        {
            var reader = new Utf8JsonReader(json);
            var count = 0;
            var inPersonalizations = false;
            var expectEmail = false;
            while (reader.Read())
            {
                if (!inPersonalizations)
                {
                    if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("personalizations"))
                    {
                        inPersonalizations = true;
                        reader.Read();
                    }
                    else if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && reader.CurrentDepth >= 1)
                    {
                        reader.Skip();
                    }

                    continue;
                }

                if (reader.TokenType == JsonTokenType.EndArray && reader.CurrentDepth == 1)
                {
                    inPersonalizations = false;
                    continue;
                }

                if (reader.TokenType == JsonTokenType.StartObject && reader.CurrentDepth == 2)
                {
                    count++;
                }
                else if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 5 && reader.ValueTextEquals("email"))
                {
                    expectEmail = true;
                }
                else if (expectEmail && reader.TokenType == JsonTokenType.String)
                {
                    expectEmail = false;
                    var hash = XxHash64.HashToUInt64(reader.ValueSpan);
                    _seen.AddOrUpdate(hash, 1, (_, n) => n + 1);
                }
            }

            return count;
        }
    }
}
