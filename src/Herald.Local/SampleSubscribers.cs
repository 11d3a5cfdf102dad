using System.Text.Json;
using Herald.Mail;
using Herald.Subscribers;

namespace Herald.Local;

/// <summary>Loads the subscribers file named by Local:SubscribersFile ([{ "newsletter", "email" }]) as consenting subscribers.</summary>
public static class SampleSubscribers
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record Entry(string Newsletter, string Email);

    public static async Task<(int Added, int Known)> ImportAsync(SubscriberImports imports, string file, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(file);
        var entries = await JsonSerializer.DeserializeAsync<List<Entry>>(stream, Json, cancellationToken)
            ?? throw new InvalidDataException($"Subscribers file '{file}' is empty.");
        int added = 0, known = 0;
        foreach (var entry in entries)
        {
            var (subscriber, isNew) = await imports.AddConfirmedAsync(entry.Newsletter, entry.Email, "sample", cancellationToken);
            if (subscriber is null)
            {
                throw new InvalidDataException($"Subscribers file '{file}': '{EmailAddresses.Mask(entry.Email ?? "")}' for '{entry.Newsletter}' is not a valid address or newsletter.");
            }

            if (isNew)
            {
                added++;
            }
            else
            {
                known++;
            }
        }

        return (added, known);
    }
}
