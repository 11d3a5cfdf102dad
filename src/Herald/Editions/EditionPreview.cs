using Herald.Articles;
using Herald.Configuration;
using Herald.Editions.Scheduling;

namespace Herald.Editions;

/// <summary>
/// What a slot's edition looks like now, with the templates as they are: a built edition re-rendered from its own
/// articles, or, for a slot not built yet, the edition the stories collected since the last one would make. Nothing
/// is stored, sent or marked.
/// </summary>
public sealed class EditionPreview(EditionStore editions, ArticleStore articles, EditionBuilder builder, EditionComposer composer)
{
    public async Task<PreviewResult> PreviewAsync(NewsletterOptions newsletter, EditionSlot slot, string editionId, CancellationToken cancellationToken)
    {
        if ((await editions.GetAsync(newsletter.Id, slot.Key, cancellationToken))?.Value is not { } built)
        {
            var would = await builder.RenderAsync(newsletter, slot, editionId, cancellationToken);
            return new PreviewResult(would, would is null
                ? "not built yet, and nothing new has come since the last edition"
                : "not built yet: the stories collected since the last edition, as they would go now");
        }

        if (built.Status == EditionStatus.Skipped)
        {
            return new PreviewResult(null, "skipped when its slot came: nothing new had been collected");
        }

        var stored = new List<Article>();
        foreach (var blob in built.Manifest.SelectMany(s => s.ArticleBlobs))
        {
            if (await articles.GetAsync(blob, cancellationToken) is { } article)
            {
                stored.Add(article.Article);
            }
        }

        var again = composer.Compose(newsletter, slot, editionId, stored, [], built.WindowStart, built.WindowEnd);
        return new PreviewResult(again, $"built {built.BuiltAt:yyyy-MM-dd HH:mm} UTC; re-rendered from its {stored.Count} articles with the templates as they are now");
    }
}
