#if FUNCTIONS_RPC
using System.Collections.Concurrent;
using System.Threading.Channels;
using Grpc.Core;
using Microsoft.Azure.Functions.Worker.Grpc.Messages;

namespace Herald.Functions.Tests.Infrastructure.Rpc;

/// <summary>
/// The host's end of one worker's EventStream: the StartStream it opens with, requests written in order, replies
/// matched to their request id (init, metadata, load) or invocation id, and every RpcLog kept.
/// </summary>
public sealed class WorkerChannel
{
    private readonly Channel<StreamingMessage> _outgoing = Channel.CreateUnbounded<StreamingMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, TaskCompletionSource<StreamingMessage>> _pending = new(StringComparer.Ordinal);
    private readonly List<WorkerLog> _logs = [];
    private readonly TaskCompletionSource<StartStream> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<StartStream> Started => _started.Task;

    /// <summary>Completes when the worker's stream ends, however it ends.</summary>
    public Task Closed => _closed.Task;

    public IReadOnlyList<WorkerLog> Logs
    {
        get
        {
            lock (_logs)
            {
                return [.. _logs];
            }
        }
    }

    /// <summary>Runs for as long as the worker keeps its EventStream call open (one call per worker).</summary>
    public async Task RunAsync(IAsyncStreamReader<StreamingMessage> fromWorker, IServerStreamWriter<StreamingMessage> toWorker, CancellationToken cancellationToken)
    {
        try
        {
            if (!await fromWorker.MoveNext(cancellationToken) || fromWorker.Current.ContentCase != StreamingMessage.ContentOneofCase.StartStream)
            {
                throw new InvalidOperationException($"The worker's first message was not StartStream but {fromWorker.Current?.ContentCase}.");
            }

            _started.TrySetResult(fromWorker.Current.StartStream);
            var writing = WriteAsync(toWorker, cancellationToken);
            while (await fromWorker.MoveNext(cancellationToken))
            {
                Receive(fromWorker.Current);
            }

            _outgoing.Writer.TryComplete();
            await writing;
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or Grpc.Core.RpcException or InvalidOperationException)
        {
            _started.TrySetException(ex);
        }
        finally
        {
            _started.TrySetException(new InvalidOperationException("The worker closed its stream before StartStream."));
            foreach (var pending in _pending.Values)
            {
                pending.TrySetException(new IOException("The worker's stream closed before it answered."));
            }

            _closed.TrySetResult();
        }
    }

    /// <summary>Sends a request and waits for the reply with <paramref name="replyKey"/> (the request id, or the invocation id).</summary>
    public async Task<StreamingMessage> RequestAsync(StreamingMessage request, string replyKey, CancellationToken cancellationToken)
    {
        var reply = new TaskCompletionSource<StreamingMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_pending.TryAdd(replyKey, reply))
        {
            throw new InvalidOperationException($"A request with key {replyKey} is already waiting.");
        }

        if (_closed.Task.IsCompleted)
        {
            _pending.TryRemove(replyKey, out _);
            throw new IOException("The worker's stream is closed.");
        }

        await _outgoing.Writer.WriteAsync(request, cancellationToken);
        try
        {
            return await reply.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            _pending.TryRemove(replyKey, out _);
        }
    }

    /// <summary>A message that wants no reply (WorkerTerminate).</summary>
    public void Post(StreamingMessage message) => _outgoing.Writer.TryWrite(message);

    public IReadOnlyList<WorkerLog> LogsOf(string invocationId)
    {
        lock (_logs)
        {
            return [.. _logs.Where(l => l.InvocationId == invocationId)];
        }
    }

    private async Task WriteAsync(IServerStreamWriter<StreamingMessage> toWorker, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var message in _outgoing.Reader.ReadAllAsync(cancellationToken))
            {
                await toWorker.WriteAsync(message, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or InvalidOperationException)
        {
            // The stream ended under the writer; the reader reports it.
        }
    }

    private void Receive(StreamingMessage message)
    {
        switch (message.ContentCase)
        {
            case StreamingMessage.ContentOneofCase.RpcLog:
                var log = message.RpcLog;
                lock (_logs)
                {
                    _logs.Add(new WorkerLog(string.IsNullOrEmpty(log.InvocationId) ? null : log.InvocationId, log.Category, log.Level.ToString(), log.Message, log.Exception is null ? null : log.Exception.Message));
                }

                break;
            case StreamingMessage.ContentOneofCase.InvocationResponse:
                Complete(message.InvocationResponse.InvocationId, message);
                break;
            default:
                Complete(message.RequestId, message);
                break;
        }
    }

    private void Complete(string key, StreamingMessage message)
    {
        if (_pending.TryGetValue(key, out var reply))
        {
            reply.TrySetResult(message);
        }
    }
}
#endif
