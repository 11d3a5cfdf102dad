using Microsoft.Extensions.DependencyInjection;

namespace Herald.Articles;

public static class ArticleRegistration
{
    /// <summary>The article store that Collecting writes and Summarizing and Editions read.</summary>
    public static IServiceCollection AddHeraldArticles(this IServiceCollection services) => services.AddSingleton<ArticleStore>();
}
