#if FUNCTIONS_RPC
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Azure.Storage.Queues.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Azure.Functions.Worker.Grpc.Messages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Herald.Functions.Tests.Infrastructure.Rpc;

/// <summary>
/// Plays the Azure Functions host for the published worker: a FunctionRpc server on 127.0.0.1 (HTTP/2 cleartext,
/// a free port), the worker started as "dotnet Herald.Functions.dll" with the switches and environment the host
/// gives it, then StartStream, WorkerInit, FunctionsMetadata (worker indexing) and FunctionLoad for every function,
/// as the host's GrpcWorkerChannel does. The process is killed by its PID when the test is done.
/// </summary>
public sealed class WorkerHost : IFunctionsHost
{
    /// <summary>The host version whose behaviour this follows (Azure/azure-functions-host, GrpcWorkerChannel and RpcWorkerContext).</summary>
    public const string HostVersion = "4.1037.0";

    /// <summary>The host's default, int.MaxValue (RpcWorkerConstants.DefaultMaxMessageLengthBytes).</summary>
    private const int MaxMessageLength = int.MaxValue;

    /// <summary>A failure guard only: the worker answers in seconds (a cold start with ONNX Runtime takes the longest).</summary>
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromMinutes(2);

    private readonly WebApplication _server;
    private readonly WorkerChannel _channel;
    private readonly Process _process = new();
    private readonly List<string> _stdout = [];
    private readonly List<string> _stderr = [];
    private readonly HttpClient _http = new(new RetryProxyHandler(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, UseProxy = false }));
    private readonly Dictionary<string, IndexedFunction> _functions = new(StringComparer.OrdinalIgnoreCase);

    private WorkerHost(WebApplication server, WorkerChannel channel, IReadOnlyDictionary<string, string?> settings)
    {
        _server = server;
        _channel = channel;
        Settings = settings;
    }

    public int ProcessId { get; private set; }

    public WorkerInit Init { get; private set; } = new(false, "", "", new Dictionary<string, string>(), "not initialized");

    public IReadOnlyList<IndexedFunction> Functions => [.. _functions.Values];

    public IReadOnlyDictionary<string, string?> Settings { get; }

    public IReadOnlyList<WorkerLog> Logs => _channel.Logs;

    public static async Task<IFunctionsHost> StartAsync(PublishedApp app, IReadOnlyDictionary<string, string?> settings, CancellationToken cancellationToken)
    {
        var channel = new WorkerChannel();
        var server = await StartServerAsync(channel, cancellationToken);
        var port = new Uri(server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()).Port;
        var host = new WorkerHost(server, channel, settings);
        try
        {
            var workerId = host.StartWorker(app, port);
            await host.HandshakeAsync(app, workerId, cancellationToken);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    public Task<Invocation> InvokeTimerAsync(string functionName, CancellationToken cancellationToken, bool isPastDue = false)
    {
        var indexed = Function(functionName, "timerTrigger");
        var schedule = Resolve(indexed.Trigger["schedule"]!.GetValue<string>());
        var request = NewInvocation(indexed);
        TriggerPayloads.AddTimer(request, indexed.Trigger["name"]!.GetValue<string>(), TriggerPayloads.TimerInfo(schedule, DateTimeOffset.UtcNow, isPastDue));
        return InvokeAsync(indexed, request, cancellationToken);
    }

    public Task<Invocation> InvokeQueueMessageAsync(string functionName, QueueMessage message, CancellationToken cancellationToken)
    {
        var indexed = Function(functionName, "queueTrigger");
        var request = NewInvocation(indexed);
        TriggerPayloads.AddQueueMessage(request, indexed.Trigger["name"]!.GetValue<string>(), message);
        return InvokeAsync(indexed, request, cancellationToken);
    }

    public async Task<HttpInvocation> InvokeHttpAsync(string functionName, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var indexed = Function(functionName, "httpTrigger");
        if (!Init.Capabilities.TryGetValue("HttpUri", out var httpUri))
        {
            throw new InvalidOperationException("The worker did not report an HttpUri capability: the host would not proxy HTTP requests to it.");
        }

        var original = request.RequestUri ?? throw new ArgumentException("The request needs a URI (the path the client asked for).", nameof(request));
        var path = original.IsAbsoluteUri ? original.PathAndQuery : original.OriginalString;
        var invocation = NewInvocation(indexed);

        // The host's forwarder sends the client's request, path and query unchanged, to the worker's own server with
        // the invocation id as its correlation header. (The worker announces localhost; the tests keep to 127.0.0.1.)
        var target = new UriBuilder(new Uri(httpUri)) { Host = "127.0.0.1" }.Uri;
        request.RequestUri = new Uri(target, path);
        request.Headers.TryAddWithoutValidation("x-ms-invocation-id", invocation.InvocationId);
        TriggerPayloads.AddHttpRequest(invocation, indexed.Trigger["name"]!.GetValue<string>(), request, RouteValues(indexed, request.RequestUri.AbsolutePath));

        // The host starts forwarding before it writes the InvocationRequest, and the worker pairs the two by the id.
        var forwarding = _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        var invoked = InvokeAsync(indexed, invocation, cancellationToken);
        using var response = await forwarding.WaitAsync(ReplyTimeout, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return new HttpInvocation(await invoked, response.StatusCode, response.Headers, response.Content.Headers, body);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            // By its PID: the Process object holds the id it started.
            if (ProcessId != 0 && !_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (InvalidOperationException)
        {
            // Never started, or already reaped.
        }

        await _server.StopAsync(CancellationToken.None);
        await _server.DisposeAsync();
        _http.Dispose();
        WriteToTestOutput();
        _process.Dispose();
    }

    private static async Task<WebApplication> StartServerAsync(WorkerChannel channel, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddSingleton(channel);
        builder.Services.AddGrpc(options =>
        {
            options.MaxReceiveMessageSize = null;
            options.MaxSendMessageSize = null;
        });
        var server = builder.Build();
        server.MapGrpcService<EventStreamService>();
        await server.StartAsync(cancellationToken);
        return server;
    }

    /// <summary>The worker process as RpcWorkerProcess starts it: the app's folder as working directory, the host's environment and switches.</summary>
    private string StartWorker(PublishedApp app, int port)
    {
        var workerId = Guid.NewGuid().ToString();
        var requestId = Guid.NewGuid().ToString();
        var uri = $"http://127.0.0.1:{port}/";
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = app.Directory,
        };
        start.ArgumentList.Add(app.Assembly);

        // RpcWorkerContext.GetFormattedArguments: the old switches and the --functions-* ones, both.
        var length = MaxMessageLength.ToString(CultureInfo.InvariantCulture);
        foreach (var argument in new[]
        {
            "--host", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture), "--workerId", workerId, "--requestId", requestId, "--grpcMaxMessageLength", length,
            "--functions-uri", uri, "--functions-worker-id", workerId, "--functions-request-id", requestId, "--functions-grpc-max-message-length", length,
        })
        {
            start.ArgumentList.Add(argument);
        }

        // The worker sees the app settings and what the host adds, not this test process's variables.
        start.Environment.Clear();
        foreach (var name in new[] { "PATH", "HOME", "TMPDIR", "DOTNET_ROOT", "DOTNET_CLI_HOME" })
        {
            if (Environment.GetEnvironmentVariable(name) is { Length: > 0 } value)
            {
                start.Environment[name] = value;
            }
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in Settings)
        {
            if (value is not null)
            {
                start.Environment[name] = value;
            }
        }

        start.Environment["AzureWebJobsScriptRoot"] = app.Directory;
        start.Environment["FUNCTIONS_WORKER_DIRECTORY"] = app.Directory;
        start.Environment["FUNCTIONS_APPLICATION_DIRECTORY"] = app.Directory;

        _process.StartInfo = start;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (_stdout) { _stdout.Add(e.Data); } } };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (_stderr) { _stderr.Add(e.Data); } } };
        if (!_process.Start())
        {
            throw new InvalidOperationException("Could not start dotnet for the worker.");
        }

        ProcessId = _process.Id;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        return workerId;
    }

    private async Task HandshakeAsync(PublishedApp app, string workerId, CancellationToken cancellationToken)
    {
        var started = await UntilWorkerAnswersAsync(_channel.Started, "StartStream", cancellationToken);
        if (started.WorkerId != workerId)
        {
            throw new WorkerStartupException($"StartStream named worker '{started.WorkerId}', not the '{workerId}' it was started as.", null, Logs);
        }

        var init = (await RequestAsync(new StreamingMessage { WorkerInitRequest = new WorkerInitRequest { HostVersion = HostVersion, WorkerDirectory = app.Directory, FunctionAppDirectory = app.Directory } }, "WorkerInitRequest", cancellationToken)).WorkerInitResponse;
        Init = new WorkerInit(init.Result?.Status == StatusResult.Types.Status.Success, init.WorkerVersion, init.WorkerMetadata?.RuntimeName ?? "", init.Capabilities.ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal), init.Result?.Exception?.Message);
        if (!Init.Succeeded)
        {
            throw new WorkerStartupException($"WorkerInitResponse failed: {Init.Failure}", null, Logs);
        }

        var metadata = (await RequestAsync(new StreamingMessage { FunctionsMetadataRequest = new FunctionsMetadataRequest { FunctionAppDirectory = app.Directory } }, "FunctionsMetadataRequest", cancellationToken)).FunctionMetadataResponse;
        if (metadata.Result?.Status != StatusResult.Types.Status.Success || metadata.UseDefaultMetadataIndexing)
        {
            throw new WorkerStartupException($"FunctionMetadataResponse failed (default indexing: {metadata.UseDefaultMetadataIndexing}): {metadata.Result?.Exception?.Message}", null, Logs);
        }

        foreach (var function in metadata.FunctionMetadataResults)
        {
            var indexed = new IndexedFunction(
                function.Name,
                string.IsNullOrEmpty(function.FunctionId) ? Guid.NewGuid().ToString() : function.FunctionId,
                function.EntryPoint,
                function.ScriptFile,
                function.Language,
                [.. function.RawBindings.Select(raw => JsonNode.Parse(raw)!.AsObject())],
                function.Bindings.ToDictionary(b => b.Key, b => new IndexedBinding(b.Value.Type, b.Value.Direction.ToString(), b.Value.DataType.ToString()), StringComparer.Ordinal));
            _functions.Add(indexed.Name, indexed);
            var loaded = (await RequestAsync(new StreamingMessage { FunctionLoadRequest = LoadRequest(function, indexed) }, $"FunctionLoadRequest {function.Name}", cancellationToken)).FunctionLoadResponse;
            if (loaded.Result?.Status != StatusResult.Types.Status.Success)
            {
                throw new WorkerStartupException($"FunctionLoadResponse for {function.Name} failed: {loaded.Result?.Exception?.Message}", null, Logs);
            }
        }
    }

    /// <summary>GrpcWorkerChannel.GetFunctionLoadRequest: the host's own FunctionMetadata, built from the worker's raw bindings.</summary>
    private static FunctionLoadRequest LoadRequest(RpcFunctionMetadata function, IndexedFunction indexed)
    {
        var request = new FunctionLoadRequest
        {
            FunctionId = indexed.FunctionId,
            Metadata = new RpcFunctionMetadata
            {
                Name = function.Name,
                Directory = function.Directory ?? "",
                EntryPoint = function.EntryPoint ?? "",
                ScriptFile = function.ScriptFile ?? "",
                IsProxy = false,
            },
        };
        foreach (var raw in indexed.RawBindings)
        {
            var info = new BindingInfo
            {
                Type = raw["type"]!.GetValue<string>(),
                Direction = Enum.Parse<BindingInfo.Types.Direction>(raw["direction"]?.GetValue<string>() ?? "in", ignoreCase: true),
                DataType = raw["dataType"] is { } dataType ? Enum.Parse<BindingInfo.Types.DataType>(dataType.GetValue<string>(), ignoreCase: true) : BindingInfo.Types.DataType.Undefined,
            };
            if (raw["properties"] is JsonObject properties)
            {
                foreach (var (key, value) in properties)
                {
                    info.Properties.Add(key, value?.ToString() ?? "");
                }
            }

            request.Metadata.Bindings.Add(raw["name"]!.GetValue<string>(), info);
        }

        return request;
    }

    private async Task<StreamingMessage> RequestAsync(StreamingMessage message, string step, CancellationToken cancellationToken)
    {
        message.RequestId = Guid.NewGuid().ToString();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reply = _channel.RequestAsync(message, message.RequestId, stop.Token);
        try
        {
            return await UntilWorkerAnswersAsync(reply, step, cancellationToken);
        }
        finally
        {
            await stop.CancelAsync();
        }
    }

    /// <summary>Waits for a reply; a worker that exits or closes its stream first is reported with what it wrote, as the host logs it.</summary>
    private async Task<T> UntilWorkerAnswersAsync<T>(Task<T> reply, string step, CancellationToken cancellationToken)
    {
        var exited = _process.WaitForExitAsync(cancellationToken);
        var first = await Task.WhenAny(reply, exited, _channel.Closed, Task.Delay(ReplyTimeout, cancellationToken));
        if (first == reply || reply.IsCompletedSuccessfully)
        {
            return await reply;
        }

        if (first == exited || _process.HasExited)
        {
            await exited;
            throw new WorkerStartupException($"The worker process exited while the host waited for its answer to {step}.", Exit(), Logs);
        }

        if (first == _channel.Closed)
        {
            throw new WorkerStartupException($"The worker closed its stream while the host waited for its answer to {step}.", null, Logs);
        }

        cancellationToken.ThrowIfCancellationRequested();
        throw new TimeoutException($"The worker did not answer {step} within {ReplyTimeout}.");
    }

    private WorkerExit Exit()
    {
        lock (_stdout)
        {
            lock (_stderr)
            {
                return new WorkerExit(_process.ExitCode, [.. _stdout], [.. _stderr]);
            }
        }
    }

    private IndexedFunction Function(string name, string triggerType)
    {
        if (!_functions.TryGetValue(name, out var function))
        {
            throw new ArgumentException($"The worker indexed no function '{name}' (it has: {string.Join(", ", _functions.Keys)}).", nameof(name));
        }

        if (!string.Equals(function.TriggerType, triggerType, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"{name} is a {function.TriggerType} function, not a {triggerType} one.", nameof(name));
        }

        return function;
    }

    /// <summary>"%Setting%" in a binding, as the host resolves it from the app settings.</summary>
    private string Resolve(string value) =>
        value.StartsWith('%') && value.EndsWith('%') && value.Length > 2
            ? Settings.GetValueOrDefault(value[1..^1]) ?? throw new InvalidOperationException($"The binding names the app setting {value}, which is not set.")
            : value;

    private static InvocationRequest NewInvocation(IndexedFunction function) => new()
    {
        FunctionId = function.FunctionId,
        InvocationId = Guid.NewGuid().ToString(),
        TraceContext = new RpcTraceContext { TraceParent = $"00-{Guid.NewGuid():N}-{Guid.NewGuid().ToString("N")[..16]}-01", TraceState = "" },
    };

    private async Task<Invocation> InvokeAsync(IndexedFunction function, InvocationRequest request, CancellationToken cancellationToken)
    {
        var reply = await UntilInvokedAsync(_channel.RequestAsync(new StreamingMessage { InvocationRequest = request }, request.InvocationId, cancellationToken), function.Name, cancellationToken);
        var response = reply.InvocationResponse;
        var (kind, value) = Describe(response.ReturnValue);
        return new Invocation(
            function.Name,
            request.InvocationId,
            response.Result?.Status.ToString() ?? "Failure",
            kind,
            value,
            response.OutputData.ToDictionary(o => o.Name, o => Describe(o.Data).Value ?? "", StringComparer.Ordinal),
            response.Result?.Exception?.Message,
            _channel.LogsOf(request.InvocationId));
    }

    private async Task<StreamingMessage> UntilInvokedAsync(Task<StreamingMessage> reply, string function, CancellationToken cancellationToken)
    {
        var exited = _process.WaitForExitAsync(cancellationToken);
        var first = await Task.WhenAny(reply, exited, Task.Delay(ReplyTimeout, cancellationToken));
        if (first == reply)
        {
            return await reply;
        }

        if (first == exited)
        {
            throw new InvalidOperationException($"The worker process exited during {function}'s invocation.\n{Exit()}");
        }

        cancellationToken.ThrowIfCancellationRequested();
        throw new TimeoutException($"{function} did not answer within {ReplyTimeout}.");
    }

    private static (string? Kind, string? Value) Describe(TypedData? data) => data?.DataCase switch
    {
        null or TypedData.DataOneofCase.None => (null, null),
        TypedData.DataOneofCase.Json => ("json", data.Json),
        TypedData.DataOneofCase.String => ("string", data.String),
        TypedData.DataOneofCase.Int => ("int", data.Int.ToString(CultureInfo.InvariantCulture)),
        TypedData.DataOneofCase.Double => ("double", data.Double.ToString(CultureInfo.InvariantCulture)),
        TypedData.DataOneofCase.Bytes => ("bytes", Convert.ToBase64String(data.Bytes.ToByteArray())),
        var other => (other.ToString(), data.ToString()),
    };

    /// <summary>Route values as the host's router takes them from "api/{route}" (literal segments and {name} ones).</summary>
    private static Dictionary<string, string> RouteValues(IndexedFunction function, string path)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var template = function.Trigger["route"]?.GetValue<string>() ?? function.Name;
        var expected = template.Split('/');
        var actual = path.Trim('/').Split('/').Skip(1).ToArray(); // after the "api" prefix
        for (var i = 0; i < Math.Min(expected.Length, actual.Length); i++)
        {
            if (expected[i].StartsWith('{') && expected[i].EndsWith('}'))
            {
                values[expected[i][1..^1]] = Uri.UnescapeDataString(actual[i]);
            }
        }

        return values;
    }

    /// <summary>
    /// The worker's logs and output go to the test's output: a runner shows it with a failure. (A test cannot tell
    /// here whether it is failing, since this runs inside it, so they are always written.)
    /// </summary>
    private void WriteToTestOutput()
    {
        var output = TestContext.Current.TestOutputHelper;
        if (output is null)
        {
            return;
        }

        output.WriteLine($"--- worker {ProcessId}: RpcLog ({Logs.Count}) ---");
        foreach (var log in Logs)
        {
            output.WriteLine(log.ToString());
        }

        lock (_stderr)
        {
            output.WriteLine($"--- worker {ProcessId}: standard error ({_stderr.Count} lines) ---");
            foreach (var line in _stderr)
            {
                output.WriteLine(line);
            }
        }

        lock (_stdout)
        {
            output.WriteLine($"--- worker {ProcessId}: standard output ({_stdout.Count} lines) ---");
            foreach (var line in _stdout.TakeLast(200))
            {
                output.WriteLine(line);
            }
        }
    }
}
#endif
