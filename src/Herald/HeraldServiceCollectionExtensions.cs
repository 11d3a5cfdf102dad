using Herald.Articles;
using Herald.Collecting;
using Herald.Collecting.Web;
using Herald.Configuration;
using Herald.Delivery;
using Herald.Editions;
using Herald.Rendering;
using Herald.Storage;
using Herald.Subscribers;
using Herald.Summarizing;
using Herald.Summarizing.Chat;
using Herald.Web;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Herald;

public static class HeraldServiceCollectionExtensions
{
    public const string UserAgent = "Herald/0.1 (newsletter digest; +https://github.com/herald-newsletter/herald)";

    /// <summary>Registers Herald's core: options validated at start, storage, and every pipeline service.</summary>
    public static IServiceCollection AddHerald(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(configuration);

        services.AddOptions<HeraldOptions>().BindConfiguration(HeraldOptions.SectionName).ValidateOnStart();
        services.AddOptions<DeliveryOptions>().BindConfiguration(DeliveryOptions.SectionName).ValidateOnStart();
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<HeraldOptions>, HeraldOptionsValidator>();
        services.AddSingleton<IValidateOptions<DeliveryOptions>, DeliveryOptionsValidator>();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();

        services.AddSingleton<HeraldStorage>();
        services.AddSingleton<ArticleStore>();
        services.AddSingleton<EditionStore>();
        services.AddSingleton<SubscriberStore>();
        services.AddSingleton<DeliveryLedger>();
        services.AddSingleton<SummarizeQueue>();
        services.AddSingleton<SendQueue>();

        services.AddHttpClient(SendGridMailSender.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30));
        services.AddOptions<CollectingOptions>().BindConfiguration(CollectingOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CollectingOptions>, CollectingOptionsValidator>();
        services.AddHeraldWebClients();
        services.AddSingleton<FeedStateStore>();
        services.AddSingleton<Tagger>();
        services.AddSingleton<ArticleCollector>();

        services.AddOptions<SummarizerOptions>().BindConfiguration(SummarizerOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SummarizerOptions>, SummarizerOptionsValidator>();
        services.AddSingleton<ExtractiveArticleSummarizer>();
        services.AddSingleton<ChatSummaryCache>();
        services.TryAddSingleton(sp => AzureOpenAIChatClientFactory.Create(sp.GetRequiredService<IOptions<SummarizerOptions>>().Value));
        services.AddSingleton<ChatArticleSummarizer>();
        services.AddSingleton<IArticleSummarizer>(sp => sp.GetRequiredService<IOptions<SummarizerOptions>>().Value.Mode == SummarizerMode.Chat
            ? sp.GetRequiredService<ChatArticleSummarizer>()
            : sp.GetRequiredService<ExtractiveArticleSummarizer>());
        services.AddSingleton<ArticleSummarizingService>();

        services.AddSingleton<TemplateCatalog>();
        services.AddSingleton<SiteLinks>();
        services.AddSingleton<DigestRenderer>();
        services.AddSingleton<EditionBuilder>();

        services.AddSingleton<OutboxMailSender>();
        services.AddSingleton<SendGridMailSender>();
        services.AddSingleton<IMailSender>(sp => sp.GetRequiredService<IOptions<DeliveryOptions>>().Value.Mode == DeliveryMode.SendGrid
            ? sp.GetRequiredService<SendGridMailSender>()
            : sp.GetRequiredService<OutboxMailSender>());
        services.AddSingleton<DigestSender>();

        services.AddSingleton<SubscriberTokens>();
        services.AddSingleton<SubscriptionService>();
        services.AddSingleton<SubscriptionPages>();
        services.AddSingleton<ArchivePages>();
        services.AddSingleton<SendGridEventProcessor>();
        return services;
    }

    /// <summary>The timer schedules the Functions host reads (%CollectSchedule%, %DigestSchedule%), validated at start.</summary>
    public static IServiceCollection AddHeraldSchedules(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ScheduleOptions>().Bind(configuration).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ScheduleOptions>, ScheduleOptionsValidator>();
        return services;
    }
}
