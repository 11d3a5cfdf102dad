using Herald.Functions.Queues;
using Herald.Local;
using Herald.Storage;

namespace Herald.Testing;

/// <summary>Plays the ProcessSignUp queue trigger over every queued sign-up.</summary>
public static class SignUps
{
    public static async Task DrainAsync(TestHerald herald)
    {
        var function = herald.Create<ProcessSignUp>();
        await herald.Get<QueueDrainer>().DrainAsync(herald.Get<HeraldStorage>().SignUpQueue, (body, ct) => function.Run(body, ct), TestContext.Current.CancellationToken);
    }
}
