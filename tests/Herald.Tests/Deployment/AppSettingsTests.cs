using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Herald.Configuration;
using Herald.Functions;
using Herald.Storage;
using Herald.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Herald.Tests.Deployment;

/// <summary>
/// The app settings the compiled Bicep gives the Functions app, put through the app's own start-up validation (the
/// service collection Program.cs builds, every options validator, the storage connection) and checked against the
/// %...% names and connections in functions.metadata. A setting renamed on either side fails here, not at 6 a.m.
/// </summary>
public partial class AppSettingsTests
{
    /// <summary>Settings whose values are Key Vault references: secrets live in the vault, never in a template or a parameter file.</summary>
    private static readonly Dictionary<string, string> Secrets = new()
    {
        ["Herald__SigningKey"] = "a-signing-key-only-this-test-knows-0123456789",
        ["Herald__PreviousSigningKeys__0"] = " ",
        ["Delivery__SendGridApiKey"] = "SG.test-key",
        ["Delivery__SendGridWebhookPublicKey"] = TestKeys.WebhookPublicKey,
        ["Inbound__Secret"] = TestKeys.InboundSecret,
        ["Inbound__SendGridPublicKey"] = " ",
    };

    /// <summary>Settings whose values only Azure knows at deployment (endpoints, the identity's id): stand-ins of the right shape.</summary>
    private static readonly Dictionary<string, string> KnownAtDeployment = new()
    {
        ["AzureWebJobsStorage__clientId"] = "00000000-0000-0000-0000-000000000001",
        ["AzureWebJobsStorage__blobServiceUri"] = "https://stherald.blob.core.windows.net/",
        ["AzureWebJobsStorage__queueServiceUri"] = "https://stherald.queue.core.windows.net/",
        ["AzureWebJobsStorage__tableServiceUri"] = "https://stherald.table.core.windows.net/",
        ["HeraldStorage__clientId"] = "00000000-0000-0000-0000-000000000001",
        ["HeraldStorage__blobServiceUri"] = "https://stherald.blob.core.windows.net/",
        ["HeraldStorage__queueServiceUri"] = "https://stherald.queue.core.windows.net/",
        ["HeraldStorage__tableServiceUri"] = "https://stherald.table.core.windows.net/",
        ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = "InstrumentationKey=00000000-0000-0000-0000-000000000002;IngestionEndpoint=https://eastus2-0.in.applicationinsights.azure.com/",
        ["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"] = "ClientId=00000000-0000-0000-0000-000000000001;Authorization=AAD",
        ["Herald__PublicBaseUrl"] = "https://func-herald-test.azurewebsites.net",
    };

    [Fact]
    public async Task The_settings_bicep_gives_the_app_pass_the_apps_own_start_up_validation()
    {
        var settings = await AppSettingsAsync();

        Assert.Empty(Check(settings, Metadata()));
        Assert.Equal(Secrets.Keys.Order(StringComparer.Ordinal), settings.Where(s => s.Value is Setting.KeyVault).Select(s => s.Key).Order(StringComparer.Ordinal));
        Assert.Equal(KnownAtDeployment.Keys.Order(StringComparer.Ordinal), settings.Where(s => s.Value is Setting.Unresolved).Select(s => s.Key).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("Herald__PublicBaseUrl", "Herald__PublicUrl", "Herald:PublicBaseUrl")]
    [InlineData("Delivery__SendGridApiKey", "Delivery__SendgridKey", "Delivery:SendGridApiKey")]
    [InlineData("HeraldStorage__queueServiceUri", "HeraldStorage__queueUri", "HeraldStorage")]
    [InlineData("DigestSchedule", "DigestCron", "DigestSchedule")]
    [InlineData("HERALD_SETTINGS_JSON", "HERALD_SETTINGS", "Herald:Newsletters")]
    public async Task A_setting_renamed_in_the_bicep_fails_the_check_naming_it(string name, string renamed, string expected)
    {
        var template = await File.ReadAllTextAsync((await BicepCli.Compiled.Value).Template, TestContext.Current.CancellationToken);
        var changed = template.Replace($"\"name\": \"{name}\"", $"\"name\": \"{renamed}\"", StringComparison.Ordinal);
        Assert.NotEqual(template, changed);

        var problems = Check(await AppSettingsAsync(changed), Metadata());

        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_schedule_setting_renamed_in_the_code_fails_the_check_naming_it()
    {
        var metadata = Metadata().Replace("%DigestSchedule%", "%DigestCron%", StringComparison.Ordinal);

        var problems = Check(await AppSettingsAsync(), metadata);

        Assert.Contains(problems, p => p.Contains("DigestCron", StringComparison.Ordinal));
    }

    /// <summary>Everything wrong with <paramref name="settings"/> as the app and the Functions host would find it.</summary>
    private static List<string> Check(Dictionary<string, Setting> settings, string metadata)
    {
        var problems = new List<string>();
        var values = settings.ToDictionary(s => s.Key, s => s.Value switch
        {
            Setting.Literal literal => literal.Value,
            Setting.KeyVault => Secrets.GetValueOrDefault(s.Key, "an unknown secret"),
            _ => KnownAtDeployment.GetValueOrDefault(s.Key, "unknown until deployment"),
        });

        // What the host needs before any function runs: its own storage, and every %setting% a binding names.
        if (!values.ContainsKey("AzureWebJobsStorage") && !values.ContainsKey("AzureWebJobsStorage__blobServiceUri"))
        {
            problems.Add("AzureWebJobsStorage: not set");
        }

        foreach (Match match in SettingReference().Matches(metadata))
        {
            if (!values.ContainsKey(match.Groups[1].Value))
            {
                problems.Add($"{match.Groups[1].Value}: functions.metadata names it, the template does not set it");
            }
        }

        foreach (Match match in Connection().Matches(metadata))
        {
            var connection = match.Groups[1].Value;
            if (!values.ContainsKey(connection) && !values.ContainsKey($"{connection}__queueServiceUri"))
            {
                problems.Add($"{connection}: a trigger's connection, not set (neither a connection string nor {connection}__queueServiceUri)");
            }
        }

        // The app's own start-up: the configuration Program.cs reads, the services it registers, every validator.
        try
        {
            var configuration = new ConfigurationBuilder()
                .AddHeraldSettingsJson(values.GetValueOrDefault(SettingsJson.VariableName) ?? "")
                .AddInMemoryCollection(values.Where(v => v.Key != SettingsJson.VariableName).Select(v => new KeyValuePair<string, string?>(v.Key.Replace("__", ":", StringComparison.Ordinal), v.Value)))
                .Build();
            var services = new ServiceCollection().AddLogging().AddHeraldFunctions(configuration);
            using var provider = services.BuildServiceProvider();
            provider.GetRequiredService<IStartupValidator>().Validate();
            _ = provider.GetRequiredService<HeraldStorage>();
        }
        catch (OptionsValidationException ex)
        {
            problems.AddRange(ex.Failures);
        }
        catch (AggregateException ex)
        {
            problems.AddRange(ex.InnerExceptions.SelectMany(e => e is OptionsValidationException invalid ? invalid.Failures : [e.Message]));
        }
        catch (InvalidOperationException ex)
        {
            problems.Add(ex.Message);
        }

        return problems;
    }

    private static string Metadata() => File.ReadAllText(Path.Combine(RepositoryPaths.OutputOf("functions"), "functions.metadata"));

    private static async Task<Dictionary<string, Setting>> AppSettingsAsync(string? template = null)
    {
        var (templatePath, parametersPath, _) = await BicepCli.Compiled.Value;
        var main = JsonNode.Parse(template ?? await File.ReadAllTextAsync(templatePath))!;
        var parameterFile = JsonNode.Parse(await File.ReadAllTextAsync(parametersPath))!["parameters"]!;
        var module = BicepTests.Resources(main).Single(r => (string?)r["type"] == "Microsoft.Resources/deployments" && BicepTests.Resources(r["properties"]!["template"]!).Any(n => (string?)n["type"] == "Microsoft.Web/sites"));
        var site = BicepTests.Resources(module["properties"]!["template"]!).Single(r => (string?)r["type"] == "Microsoft.Web/sites");

        JsonNode? MainParameter(string name) => parameterFile[name]?["value"] ?? main["parameters"]![name]?["defaultValue"];
        JsonNode? ModuleParameter(string name) => module["properties"]!["parameters"]![name]?["value"] is JsonValue v && v.TryGetValue<string>(out var expression) && ParameterReference().Match(expression) is { Success: true } reference
            ? MainParameter(reference.Groups[1].Value)
            : module["properties"]!["parameters"]![name]?["value"] is { } direct && direct is not JsonValue ? direct : null;

        var settings = new Dictionary<string, Setting>(StringComparer.Ordinal);
        foreach (var entry in site["properties"]!["siteConfig"]!["appSettings"]!.AsArray())
        {
            var name = (string)entry!["name"]!;
            var value = (string)entry["value"]!;
            settings[name] = value switch
            {
                _ when !value.StartsWith('[') => new Setting.Literal(value),
                _ when value.Contains("@Microsoft.KeyVault(SecretUri=", StringComparison.Ordinal) => new Setting.KeyVault(),
                _ when ParameterReference().Match(value) is { Success: true } p && ModuleParameter(p.Groups[1].Value) is JsonValue resolved && resolved.TryGetValue<string>(out var text) => new Setting.Literal(text),
                _ when StringOfParameter().Match(value) is { Success: true } p && ModuleParameter(p.Groups[1].Value) is { } node => new Setting.Literal(node.ToJsonString()),
                _ => new Setting.Unresolved(value),
            };
        }

        return settings;
    }

    private abstract record Setting
    {
        public sealed record Literal(string Value) : Setting;

        public sealed record KeyVault : Setting;

        public sealed record Unresolved(string Expression) : Setting;
    }

    [GeneratedRegex(@"^\[parameters\('(\w+)'\)\]$")]
    private static partial Regex ParameterReference();

    [GeneratedRegex(@"^\[string\(parameters\('(\w+)'\)\)\]$")]
    private static partial Regex StringOfParameter();

    [GeneratedRegex("\"%(\\w+)%\"")]
    private static partial Regex SettingReference();

    [GeneratedRegex("\"connection\":\\s*\"(\\w+)\"")]
    private static partial Regex Connection();
}
