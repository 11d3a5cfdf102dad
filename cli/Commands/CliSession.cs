using Herald.Local;
using Herald.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Herald.Cli.Commands;

/// <summary>
/// One CLI command's surroundings: configuration file, data folder, development storage, and a started host.
/// Configuration errors are printed with the setting they concern and end the command with exit code 2.
/// </summary>
public static class CliSession
{
    public const int ConfigurationError = CliFailures.ConfigurationError;

    /// <param name="onInvalid">Reports settings that fail validation instead of the usual "Configuration error" lines (herald doctor), returning the exit code.</param>
    public static async Task<int> RunAsync(FileInfo? config, DirectoryInfo? data, bool verbose, TextWriter output, Func<IHost, Task<int>> action, CancellationToken cancellationToken, bool needsStorage = true, DateTimeOffset? now = null, Func<string, IReadOnlyList<string>, Task<int>>? onInvalid = null)
    {
        var home = HeraldPaths.Home();
        var configFile = config?.FullName ?? Environment.GetEnvironmentVariable("HERALD_CONFIG") ?? HeraldPaths.DefaultConfig(home);
        var dataDirectory = data?.FullName ?? HeraldPaths.DataDirectory(home);
        Directory.CreateDirectory(dataDirectory);

        IHost host;
        try
        {
            host = HeraldHost.Build(configFile, dataDirectory, new Dictionary<string, string?>(), verbose, now: now);
        }
        catch (InvalidDataException ex) when (CliFailures.IsJsonSyntaxError(ex))
        {
            return await FailAsync(ex, verbose, configFile);
        }
        catch (Exception ex) when (ex is FileNotFoundException or InvalidDataException or FormatException)
        {
            await Console.Error.WriteLineAsync($"Configuration error: {ex.Message}");
            return ConfigurationError;
        }

        using (host)
        {
            LocalAzurite? azurite = null;
            try
            {
                if (needsStorage)
                {
                    output.WriteLine($"Config:     {configFile}");
                }

                // Settings first: a bad one should not wait for storage to start.
                await HeraldHost.StartAsync(host);
                var connection = host.Services.GetRequiredService<IConfiguration>()[StorageOptions.ConnectionName];
                if (needsStorage && DevelopmentStorage.IsDevelopmentStorage(connection))
                {
                    azurite = await DevelopmentStorage.EnsureRunningAsync(home, dataDirectory, output, cancellationToken);
                }

                return await action(host);
            }
            catch (InvalidOperationException ex) when (ex.Source == "Microsoft.Extensions.Configuration.Binder")
            {
                // A value of the wrong type ("Delivery:Mode" = "Pigeon"); the binder's message names the setting.
                await Console.Error.WriteLineAsync($"Configuration error:\n  {ex.Message}");
                return ConfigurationError;
            }
            catch (Exception ex) when (SettingFailures(ex) is { } failures && onInvalid is not null)
            {
                return await onInvalid(configFile, failures);
            }
            catch (Exception ex) when (SettingFailures(ex) is { } failures)
            {
                await Console.Error.WriteLineAsync("Configuration error:");
                foreach (var failure in failures)
                {
                    await Console.Error.WriteLineAsync($"  {failure}");
                }

                return ConfigurationError;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                return await FailAsync(ex, verbose, configFile);
            }
            finally
            {
                await host.StopAsync(CancellationToken.None);
                if (azurite is not null)
                {
                    await azurite.DisposeAsync();
                }
            }
        }
    }

    /// <summary>
    /// The failed settings when <paramref name="exception"/> is the options validation at start: one exception, or
    /// several at once when more than one validated section fails (or one section is read by several options), each
    /// failure said once.
    /// </summary>
    private static string[]? SettingFailures(Exception exception) => exception switch
    {
        OptionsValidationException one => [.. one.Failures.Distinct(StringComparer.Ordinal)],
        AggregateException { InnerExceptions.Count: > 0 } all when all.InnerExceptions.All(e => e is OptionsValidationException) =>
            [.. all.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures).Distinct(StringComparer.Ordinal)],
        _ => null,
    };

    /// <summary>Says what went wrong in a line or two (the whole exception too with -v) and gives its exit code.</summary>
    private static async Task<int> FailAsync(Exception exception, bool verbose, string configFile)
    {
        var (code, message) = CliFailures.Explain(exception, configFile);
        await Console.Error.WriteLineAsync(message);
        if (verbose)
        {
            await Console.Error.WriteLineAsync(exception.ToString());
        }

        return code;
    }
}
