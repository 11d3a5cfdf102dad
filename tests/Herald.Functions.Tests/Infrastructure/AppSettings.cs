using System.Text.Json.Nodes;
using Herald.Testing;

namespace Herald.Functions.Tests.Infrastructure;

/// <summary>
/// The app settings the deployment gives the Functions app (infra/modules/functionApp.bicep), filled in for a test:
/// storage on the test's Azurite account, delivery into an outbox folder, the test's webhook keys, and the sample
/// newsletter's content settings as the one HERALD_SETTINGS_JSON document (infra/herald.settings.json's shape), its
/// file sources pointed at the repository's sample feeds.
/// </summary>
public static class AppSettings
{
    public const string InboundParseDomain = "parse.herald.example";
    public const string InboundSecret = "inbound-secret-for-tests-0123456789";

    /// <summary>The sample's own key, so that links in the worker's mail match the ones "herald run" writes.</summary>
    public static string SampleSigningKey => Sample["Herald"]![SigningKeyName]!.GetValue<string>();

    public static string SamplePublicBaseUrl => Sample["Herald"]![BaseUrlName]!.GetValue<string>();

    private const string SigningKeyName = "SigningKey";
    private const string BaseUrlName = "PublicBaseUrl";

    private static JsonNode Sample { get; } = JsonNode.Parse(File.ReadAllText(RepositoryPaths.SampleConfig))!;

    public static Dictionary<string, string?> ForSample(string storageConnection, string outbox, string webhookPublicKey)
    {
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated",
            ["AzureWebJobsStorage"] = storageConnection,
            ["HeraldStorage"] = storageConnection,
            ["CollectSchedule"] = Sample["CollectSchedule"]!.GetValue<string>(),
            ["DigestSchedule"] = Sample["DigestSchedule"]!.GetValue<string>(),
            ["PruneSchedule"] = Sample["PruneSchedule"]!.GetValue<string>(),
            ["Herald__PublicBaseUrl"] = SamplePublicBaseUrl,
            ["Herald__SigningKey"] = SampleSigningKey,
            // The Bicep says SendGrid; the tests deliver into files, as "herald run" does.
            ["Delivery__Mode"] = "Outbox",
            ["Delivery__OutboxDirectory"] = outbox,
            ["Delivery__BatchSize"] = Sample["Delivery"]!["BatchSize"]!.ToString(),
            ["Delivery__SendGridWebhookPublicKey"] = webhookPublicKey,
            ["Inbound__ParseDomain"] = InboundParseDomain,
            ["Inbound__Secret"] = InboundSecret,
            ["Site__ClientIpHeader"] = "X-Forwarded-For",
            ["HERALD_SETTINGS_JSON"] = SettingsJson(),
        };
        return settings;
    }

    /// <summary>The sample's "Herald" section without what the deployment sets one by one (base URL, key, templates folder).</summary>
    public static string SettingsJson()
    {
        var herald = Sample["Herald"]!.DeepClone().AsObject();
        herald.Remove(BaseUrlName);
        herald.Remove(SigningKeyName);
        herald.Remove("TemplateDirectory"); // the published app has its templates beside it
        foreach (var newsletter in herald["Newsletters"]!.AsArray())
        {
            foreach (var source in newsletter!["Sources"]!.AsArray())
            {
                if (source!["File"] is { } file)
                {
                    source["File"] = Path.GetFullPath(Path.Combine(RepositoryPaths.SampleDirectory, file.GetValue<string>()));
                }
            }
        }

        return new JsonObject { ["Herald"] = herald }.ToJsonString();
    }
}
