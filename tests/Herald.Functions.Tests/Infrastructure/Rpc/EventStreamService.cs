#if FUNCTIONS_RPC
using Grpc.Core;
using Microsoft.Azure.Functions.Worker.Grpc.Messages;

namespace Herald.Functions.Tests.Infrastructure.Rpc;

/// <summary>FunctionRpc.EventStream, generated from the shared proto: the one call a worker makes to its host.</summary>
public sealed class EventStreamService(WorkerChannel channel) : FunctionRpc.FunctionRpcBase
{
    public override Task EventStream(IAsyncStreamReader<StreamingMessage> requestStream, IServerStreamWriter<StreamingMessage> responseStream, ServerCallContext context) =>
        channel.RunAsync(requestStream, responseStream, context.CancellationToken);
}
#endif
