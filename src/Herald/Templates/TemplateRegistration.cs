using Herald.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Herald.Templates;

public static class TemplateRegistration
{
    /// <summary>The Scriban template catalog, and the start-up check that every template a newsletter names exists.</summary>
    public static IServiceCollection AddHeraldTemplates(this IServiceCollection services) =>
        services.AddSingleton<TemplateCatalog>().AddSingleton<IValidateOptions<HeraldOptions>, TemplateValidator>();
}
