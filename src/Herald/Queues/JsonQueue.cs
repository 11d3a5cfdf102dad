using System.Text.Json;
using Azure.Storage.Queues;
using Herald.Storage;

namespace Herald.Queues;

/// <summary>A storage queue carrying JSON messages of one type; the Functions queue trigger binds the same JSON.</summary>
public abstract class JsonQueue<T>(HeraldStorage storage, Func<HeraldStorage, QueueClient> select)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public QueueClient Client => select(storage);

    public async Task EnqueueAsync(T message, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync();
        await Client.SendMessageAsync(BinaryData.FromObjectAsJson(message, Json), cancellationToken: cancellationToken);
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
