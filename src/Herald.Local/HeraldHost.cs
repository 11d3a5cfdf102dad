using Herald.Configuration;
using Herald.Mail;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Herald.Local;

/// <summary>Builds the same Herald services the Functions app uses, configured from a JSON file and the environment.</summary>
public static class HeraldHost
{
    /// <summary>
    /// Configuration: the JSON file, then environment variables (Herald__PublicBaseUrl, HeraldStorage, ...), then
    /// the CLI's own overrides. Relative paths in the file are relative to the file, not to the current folder.
    /// </summary>
    public static IHost Build(string configFile, string dataDirectory, IDictionary<string, string?> overrides, bool verbose, Action<IServiceCollection>? configureServices = null, DateTimeOffset? now = null)
    {
        if (!File.Exists(configFile))
        {
            throw new FileNotFoundException($"Configuration file '{configFile}' does not exist.", configFile);
        }

        var configDirectory = Path.GetDirectoryName(Path.GetFullPath(configFile))!;
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = configDirectory });
        builder.Configuration
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"{DeliveryOptions.SectionName}:{nameof(DeliveryOptions.OutboxDirectory)}"] = Path.Combine(dataDirectory, "outbox"),
            })
            .AddJsonFile(Path.GetFullPath(configFile), optional: false, reloadOnChange: false)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(overrides);

        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
        // Logs go to standard error: standard output is the command's result (text, CSV or JSON a script reads).
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(verbose ? LogLevel.Information : LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http", LogLevel.Warning);
        // Each retry of a fetch or send logs its exception with a stack trace; the command reports the outcome itself.
        builder.Logging.AddFilter("Polly", verbose ? LogLevel.Information : LogLevel.None);
        // The CLI reports start failures itself, as a message naming the setting rather than a logged stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);

        if (now is { } start)
        {
            builder.Services.AddSingleton<TimeProvider>(new ShiftedTimeProvider(start));
        }

        builder.Services.AddHerald(builder.Configuration);
        builder.Services.AddValidatedOptions<LocalOptions>(LocalOptions.SectionName);
        builder.Services.AddSingleton<QueueDrainer>();
        builder.Services.PostConfigure<HeraldOptions>(options => options.TemplateDirectory = Resolve(configDirectory, options.TemplateDirectory));
        builder.Services.PostConfigure<HeraldOptions>(options =>
        {
            foreach (var source in options.AllSources().Where(s => !string.IsNullOrWhiteSpace(s.File)))
            {
                source.File = Resolve(configDirectory, source.File!);
            }
        });
        builder.Services.PostConfigure<DeliveryOptions>(options => options.OutboxDirectory = Resolve(configDirectory, options.OutboxDirectory));
        configureServices?.Invoke(builder.Services);
        return builder.Build();
    }

    /// <summary>Starts the host so every options validator runs; a bad setting surfaces here, named, before any work.</summary>
    public static async Task StartAsync(IHost host)
    {
        await host.StartAsync();
        _ = host.Services.GetRequiredService<IOptions<HeraldOptions>>().Value;
    }

    private static string Resolve(string directory, string path) => Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(directory, path));
}
