using Herald.Articles;
using Herald.Collecting;
using Herald.Configuration;
using Herald.Delivery;
using Herald.Editions;
using Herald.Inbound;
using Herald.Links;
using Herald.Mail;
using Herald.Privacy;
using Herald.Queues;
using Herald.Site;
using Herald.Storage;
using Herald.Subscribers;
using Herald.Summarizing;
using Herald.Telemetry;
using Herald.Templates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Herald;

public static class HeraldServiceCollectionExtensions
{
    /// <summary>Registers Herald's core: the shared parts, then each feature in the order data flows through them.</summary>
    public static IServiceCollection AddHerald(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(configuration);
        return services
            .AddHeraldConfiguration().AddHeraldTelemetry().AddHeraldStorage().AddHeraldQueues().AddHeraldArticles().AddHeraldTemplates().AddHeraldLinks().AddHeraldMail()
            .AddHeraldCollecting().AddHeraldSummarizing().AddHeraldEditions().AddHeraldSubscribers().AddHeraldDelivery().AddHeraldInbound().AddHeraldPrivacy().AddHeraldSite();
    }
}
