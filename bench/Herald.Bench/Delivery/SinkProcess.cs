using System.Diagnostics;
using System.Net.Http.Json;
using Herald.Local;

namespace Herald.Bench.Delivery;

/// <summary>The sink as a child process of the benchmark: started on a free port, asked for its counts, stopped by its id.</summary>
public sealed class SinkProcess : IDisposable
{
    private readonly Process _process;
    private readonly HttpClient _http = new();

    private SinkProcess(Process process, int port) => (_process, Url) = (process, new Uri($"http://127.0.0.1:{port}"));

    public Uri Url { get; }

    public int ProcessId => _process.Id;

    public TimeSpan ProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public static async Task<SinkProcess> StartAsync()
    {
        var port = LocalPorts.Free();

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(typeof(SinkProcess).Assembly.Location);
        start.ArgumentList.Add("sink");
        start.ArgumentList.Add("--port");
        start.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var sink = new SinkProcess(Process.Start(start)!, port);
        sink._process.BeginOutputReadLine();
        sink._process.BeginErrorReadLine();
        for (var attempt = 0; attempt < 300; attempt++)
        {
            try
            {
                await sink.StatsAsync();
                return sink;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }

        sink.Dispose();
        throw new InvalidOperationException("The mail sink did not start.");
    }

    public async Task<MailSink.SinkStats> StatsAsync() =>
        (await _http.GetFromJsonAsync<MailSink.SinkStats>(new Uri(Url, "/stats")))!;

    public async Task ResetAsync(bool keepBodies) =>
        (await _http.PostAsync(new Uri(Url, $"/reset?keep={keepBodies}"), null)).EnsureSuccessStatusCode();

    /// <summary>The request bodies the sink received, exactly as they arrived.</summary>
    public async Task<List<(byte[] Body, bool Gzip)>> BodiesAsync(int count)
    {
        var bodies = new List<(byte[], bool)>(count);
        for (var i = 0; i < count; i++)
        {
            using var response = await _http.GetAsync(new Uri(Url, $"/bodies/{i}"));
            response.EnsureSuccessStatusCode();
            bodies.Add((await response.Content.ReadAsByteArrayAsync(), response.Content.Headers.ContentType?.MediaType == "application/gzip"));
        }

        return bodies;
    }

    public void Dispose()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
