using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Herald.Cli.Init;

/// <summary>
/// Writes a newsletter's folder: its herald.json (every path in it relative to the file), a copy of the stock templates to
/// customise, and the subscribers who consented already. Refuses to overwrite a configuration that is there.
/// </summary>
public static class NewsletterScaffold
{
    public static string Write(NewsletterPlan plan, string stockTemplates)
    {
        Directory.CreateDirectory(plan.Directory);
        var config = Path.Combine(plan.Directory, "herald.json");
        if (File.Exists(config))
        {
            throw new IOException($"{config} exists already; choose another folder, or remove it first.");
        }

        var templates = Path.Combine(plan.Directory, "templates");
        Directory.CreateDirectory(templates);
        foreach (var file in Directory.GetFiles(stockTemplates))
        {
            File.Copy(file, Path.Combine(templates, Path.GetFileName(file)), overwrite: true);
        }

        var everything = plan.Tags.Count == 0 && plan.Keywords.Count == 0;
        var include = everything ? [plan.Id] : plan.Tags.Concat(plan.Keywords.Count > 0 ? [plan.Id] : []).Distinct(StringComparer.Ordinal).ToList();
        var sources = new JsonArray();
        foreach (var (feed, name) in plan.Feeds)
        {
            var source = new JsonObject { ["Name"] = name };
            if (Uri.TryCreate(feed, UriKind.Absolute, out var url) && url.Scheme.StartsWith("http", StringComparison.Ordinal))
            {
                source["Url"] = feed;
            }
            else
            {
                source["File"] = Path.GetRelativePath(Path.GetFullPath(plan.Directory), Path.GetFullPath(feed)); // relative to herald.json, as every path in it
            }
            if (everything)
            {
                source["Tags"] = new JsonArray(plan.Id); // every article of the newsletter's own feeds is one it takes
            }

            if (plan.AllowPrivateNetwork)
            {
                source["AllowPrivateNetwork"] = true;
            }

            sources.Add(source);
        }

        var herald = new JsonObject
        {
            ["PublicBaseUrl"] = "http://localhost:7071",
            // A key of its own, for this machine: "herald serve" signs readers' links with it. Azure gets its own from Key Vault.
            ["SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(36)),
            ["TemplateDirectory"] = "templates",
            ["Newsletters"] = new JsonArray(new JsonObject
            {
                ["Id"] = plan.Id,
                ["Title"] = plan.Title,
                ["Description"] = plan.Description,
                ["IncludeTags"] = new JsonArray([.. include.Select(t => JsonValue.Create(t))]),
                ["Template"] = "digest",
                ["Schedule"] = plan.Schedule,
                ["TimeZone"] = plan.TimeZone,
                ["FromAddress"] = plan.FromAddress,
                ["FromName"] = plan.Title,
                ["PostalAddress"] = plan.PostalAddress,
                ["Sources"] = sources,
            }),
        };
        if (plan.Keywords.Count > 0)
        {
            herald["Tagging"] = new JsonObject
            {
                ["Rules"] = new JsonArray(new JsonObject
                {
                    ["Tag"] = plan.Id,
                    ["Keywords"] = new JsonArray([.. plan.Keywords.Where(k => !k.Contains(' ', StringComparison.Ordinal)).Select(k => JsonValue.Create(k))]),
                    ["Phrases"] = new JsonArray([.. plan.Keywords.Where(k => k.Contains(' ', StringComparison.Ordinal)).Select(k => JsonValue.Create(k))]),
                    ["Threshold"] = 1,
                }),
            };
        }

        var root = new JsonObject
        {
            ["HeraldStorage"] = "UseDevelopmentStorage=true",
            ["Herald"] = herald,
            ["Delivery"] = new JsonObject { ["Mode"] = "Outbox" },
        };
        if (plan.Subscribers.Count > 0)
        {
            root["Local"] = new JsonObject { ["SubscribersFile"] = "subscribers.json" };
            var subscribers = new JsonArray([.. plan.Subscribers.Select(s => new JsonObject { ["newsletter"] = plan.Id, ["email"] = s })]);
            File.WriteAllText(Path.Combine(plan.Directory, "subscribers.json"), subscribers.ToJsonString(Indented) + "\n");
        }

        File.WriteAllText(config, root.ToJsonString(Indented) + "\n");
        return config;
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
