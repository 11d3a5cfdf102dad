using Herald.Collecting.Fetching;
using Herald.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Collecting;

public static class CollectingRegistration
{
    /// <summary>Feeds and pages into tagged, de-duplicated articles: sources, fetching, tagging and the collector.</summary>
    public static IServiceCollection AddHeraldCollecting(this IServiceCollection services)
    {
        services.AddValidatedOptions<CollectingOptions, CollectingOptionsValidator>(CollectingOptions.SectionName);
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<HeraldOptions>, SourcesValidator>();
        services.AddHeraldWebClients();
        services.AddSingleton<FeedStateStore>();
        services.AddSingleton<Tagger>();
        services.AddSingleton<FeedFetcher>();
        services.AddSingleton<PageCompleter>();
        services.AddSingleton<ArticleFiler>();
        services.AddSingleton<SourceCollector>();
        services.AddSingleton<ArticleCollector>();
        services.AddSingleton<ArticleRetagger>();
        return services;
    }
}
