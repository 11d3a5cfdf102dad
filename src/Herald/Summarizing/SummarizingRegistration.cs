using Herald.Configuration;
using Herald.Summarizing.Chat;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Herald.Summarizing;

public static class SummarizingRegistration
{
    /// <summary>The summarizer Summarizer:Mode chooses (extractive, or a chat model with the extractive one as fallback), and the queue handler.</summary>
    public static IServiceCollection AddHeraldSummarizing(this IServiceCollection services)
    {
        services.AddValidatedOptions<SummarizerOptions, SummarizerOptionsValidator>(SummarizerOptions.SectionName);
        services.AddSingleton<ExtractiveSummarizer>();
        services.AddSingleton<ChatSummaryCache>();
        services.TryAddSingleton(sp => AzureOpenAIChatClientFactory.Create(sp.GetRequiredService<IOptions<SummarizerOptions>>().Value));
        services.AddSingleton<ChatSummarizer>();
        services.AddSingleton<IArticleSummarizer>(sp => sp.GetRequiredService<IOptions<SummarizerOptions>>().Value.Mode == SummarizerMode.Chat
            ? sp.GetRequiredService<ChatSummarizer>()
            : sp.GetRequiredService<ExtractiveSummarizer>());
        services.AddSingleton<SummarizeRequestHandler>();
        return services;
    }
}
