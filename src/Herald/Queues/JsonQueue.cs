using System.Text.Json;
using Azure.Storage.Queues;
using Herald.Storage;

namespace Herald.Queues;

/// <summary>A storage queue carrying JSON messages of one type; the Functions queue trigger binds the same JSON.</summary>
public abstract class JsonQueue<T>(HeraldStorage storage, Func<HeraldStorage, QueueClient> select)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public QueueClient Client => select(storage);

    /// <summary>Queues a message, visible at once or after <paramref name="delay"/> (at most seven days, the queue's limit).</summary>
    public async Task EnqueueAsync(T message, CancellationToken cancellationToken, TimeSpan? delay = null)
    {
        await storage.EnsureCreatedAsync();
        var visibility = delay is { } wait && wait > TimeSpan.Zero ? (wait < TimeSpan.FromDays(7) ? wait : TimeSpan.FromDays(7)) : (TimeSpan?)null;
        await Client.SendMessageAsync(BinaryData.FromObjectAsJson(message, Json), visibility, cancellationToken: cancellationToken);
    }

    /// <summary>Reads a message body as the trigger would; a body that is not this message type is refused with a clear error.</summary>
    public static T Parse(string body)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(body, Json) ?? throw new InvalidDataException($"Empty {typeof(T).Name} message.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"Not a {typeof(T).Name} message: {ex.Message}", ex);
        }
    }
}
