using System.Text.Json;
using Herald.Configuration;
using Herald.Editions.Stories;

namespace Herald.Testing;

/// <summary>The input of a digest golden case (Golden/digest/{name}.json): the newsletter, the edition's id and slot, and its stories.</summary>
public sealed record GoldenEdition(NewsletterOptions Newsletter, string EditionId, DateTimeOffset SlotAt, IReadOnlyList<Story> Stories)
{
    public Herald.Editions.Scheduling.EditionSlot Slot => Herald.Editions.Scheduling.NewsletterSchedule.For(Newsletter).SlotAt(SlotAt);

    public IReadOnlyList<Herald.Editions.Stories.RankedStory> Ranked => Herald.Editions.Stories.StoryRanking.Rank(Newsletter, Stories, SlotAt);

    public static GoldenEdition Load(string name) =>
        JsonSerializer.Deserialize<GoldenEdition>(File.ReadAllText(RepositoryPaths.Golden("digest", name + ".json")), new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidDataException($"Golden edition {name} is empty.");
}
