using Microsoft.Extensions.DependencyInjection;

namespace Herald.Queues;

public static class QueueRegistration
{
    /// <summary>The queues that carry work between the stages (summarize, send).</summary>
    public static IServiceCollection AddHeraldQueues(this IServiceCollection services) =>
        services.AddSingleton<SummarizeQueue>().AddSingleton<SendQueue>().AddSingleton<SignUpQueue>();
}
