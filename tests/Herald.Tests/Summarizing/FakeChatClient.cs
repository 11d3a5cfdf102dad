using Microsoft.Extensions.AI;

namespace Herald.Tests.Summarizing;

/// <summary>
/// A model that misbehaves on purpose: it answers with whatever the test's function returns for the messages,
/// after an optional delay, and records what it was sent. (The real client is tested against a local server.)
/// </summary>
public sealed class FakeChatClient(Func<IReadOnlyList<ChatMessage>, string?> answer, TimeSpan? delay = null) : IChatClient
{
    public int Calls { get; private set; }

    public IReadOnlyList<ChatMessage> LastMessages { get; private set; } = [];

    public ChatOptions? LastOptions { get; private set; }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Calls++;
        LastMessages = [.. messages];
        LastOptions = options;
        if (delay is { } wait)
        {
            await Task.Delay(wait, cancellationToken);
        }

        return new ChatResponse(new ChatMessage(ChatRole.Assistant, answer(LastMessages)));
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Herald does not stream summaries.");

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
