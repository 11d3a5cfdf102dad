using System.CommandLine;
using Herald.Configuration;
using Herald.Local;
using Herald.Site;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Herald.Cli.Commands;

/// <summary>"herald serve": the site (sign-up, confirm, unsubscribe, preferences, archive, webhooks) on 127.0.0.1, as the Functions app serves it.</summary>
public static class ServeCommand
{
    public static Command Build()
    {
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1 (default 7071, the sample's Herald:PublicBaseUrl).", DefaultValueFactory = _ => 7071 };
        var command = new Command("serve", "Serve the site's pages and webhooks on 127.0.0.1, on the Functions app's routes (/api/...), until Ctrl+C.") { port };
        command.SetAction((parse, ct) => HeraldCommands.Session(parse, async host =>
        {
            await using var server = await SiteServer.StartAsync(host.Services, parse.GetValue(port));
            var baseUrl = host.Services.GetRequiredService<IOptions<HeraldOptions>>().Value.PublicBaseUrl;
            Console.WriteLine($"Serving:    {server.Url.AbsoluteUri.TrimEnd('/')}/api/ ({SiteEndpoints.All.Count} routes); links in emails start with {baseUrl}");
            foreach (var newsletter in host.Services.GetRequiredService<IOptions<HeraldOptions>>().Value.Newsletters)
            {
                Console.WriteLine($"Sign up:    {server.Url.AbsoluteUri.TrimEnd('/')}/api/subscribe/{newsletter.Id}");
            }

            Console.WriteLine("Press Ctrl+C to stop.");
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C.
            }

            return 0;
        }, ct));
        return command;
    }
}
