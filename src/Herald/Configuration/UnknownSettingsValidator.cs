using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Options;

namespace Herald.Configuration;

/// <summary>
/// Refuses, at start, every key of an options class's section that the class does not bind: a misspelt setting
/// ("FromNmae") would otherwise be ignored in silence and its default used. Each is named by its path, where it was
/// set (a JSON file, HERALD_SETTINGS_JSON, an environment variable) and the nearest setting that exists.
/// </summary>
internal sealed class UnknownSettingsValidator<TOptions>(IConfiguration configuration, string section) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options) =>
        SettingShape.UnknownKeys(configuration.GetSection(section), typeof(TOptions))
            .Select(unknown => $"{unknown.Path}: not a setting Herald knows{Source(unknown.Path)}{(unknown.Suggestion is { } near ? $"; did you mean {near}?" : ".")}")
            .ToList()
            .ToResult();

    /// <summary>" (set in herald.json)": the last source that sets the key, the one whose value counts.</summary>
    private string Source(string path)
    {
        if (configuration is not IConfigurationRoot root)
        {
            return "";
        }

        foreach (var provider in root.Providers.Reverse())
        {
            if (!provider.TryGet(path, out _) && !provider.GetChildKeys([], path).Any())
            {
                continue;
            }

            return provider switch
            {
                JsonConfigurationProvider json => $" (set in {FileOf(json.Source)})",
                JsonStreamConfigurationProvider => $" (set in {SettingsJson.VariableName})",
                EnvironmentVariablesConfigurationProvider => $" (set by the environment variable {path.Replace(":", "__", StringComparison.Ordinal)})",
                _ => "",
            };
        }

        return "";
    }

    private static string? FileOf(FileConfigurationSource source) =>
        source.FileProvider is Microsoft.Extensions.FileProviders.PhysicalFileProvider files && source.Path is { } path ? Path.Combine(files.Root, path) : source.Path;
}
