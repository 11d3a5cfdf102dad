using Herald.Configuration;
using Herald.Editions.Rendering;
using Herald.Editions.Scheduling;
using Herald.Editions.Stories;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Herald.Editions;

public static class EditionsRegistration
{
    /// <summary>
    /// An edition's life: each newsletter's schedule, selecting and grouping its stories, rendering and storing the
    /// edition, and handing it to delivery (an <see cref="IEditionFanOut"/> another feature registers).
    /// </summary>
    public static IServiceCollection AddHeraldEditions(this IServiceCollection services) =>
        services.AddSingleton<EditionStore>().AddSingleton<StoryEmbeddings>().AddSingleton<DigestRenderer>().AddSingleton<EditionComposer>().AddSingleton<EditionBuilder>().AddSingleton<EditionPreview>()
            .AddSingleton<EditionDispatcher>()
            .AddSingleton<IValidateOptions<HeraldOptions>, ScheduleValidator>()
            .AddSingleton<IValidateOptions<HeraldOptions>, DigestTemplateValidator>();
}
