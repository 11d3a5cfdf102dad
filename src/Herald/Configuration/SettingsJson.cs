using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.EnvironmentVariables;

namespace Herald.Configuration;

/// <summary>
/// The HERALD_SETTINGS_JSON app setting: Herald's content settings — newsletters, sources, tagging rules — as one JSON
/// document in the shape of a herald.json file (<c>{"Herald": {"Newsletters": [...]}}</c>). Deployments pass it as one
/// value (infra/herald.settings.json, through Bicep) instead of a hundred flattened app settings. It is read before
/// the other app settings, so any single setting (Herald__PublicBaseUrl) still overrides it.
/// </summary>
public static class SettingsJson
{
    public const string VariableName = "HERALD_SETTINGS_JSON";

    /// <summary>Adds the document, when the variable is set, just before the environment variables' source.</summary>
    public static IConfigurationBuilder AddHeraldSettingsJson(this IConfigurationBuilder builder, string? json = null)
    {
        json ??= Environment.GetEnvironmentVariable(VariableName);
        if (string.IsNullOrWhiteSpace(json))
        {
            return builder;
        }

        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidOperationException($"{VariableName}: expected a JSON object such as {{\"Herald\": {{\"Newsletters\": [...]}}}}, found {document.RootElement.ValueKind}.");
            }
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"{VariableName}: not valid JSON (line {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1}).", ex);
        }

        var source = new Microsoft.Extensions.Configuration.Json.JsonStreamConfigurationSource { Stream = new MemoryStream(Encoding.UTF8.GetBytes(json)) };
        var environment = builder.Sources.ToList().FindIndex(s => s is EnvironmentVariablesConfigurationSource);
        if (environment < 0)
        {
            builder.Add(source);
        }
        else
        {
            builder.Sources.Insert(environment, source);
        }

        return builder;
    }
}
