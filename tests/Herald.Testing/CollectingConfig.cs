using System.Text.Json;

namespace Herald.Testing;

/// <summary>A configuration file for collecting tests: one newsletter, and the given sources in Herald:Sources.</summary>
public static class CollectingConfig
{
    public static string Write(IEnumerable<object> sources, object? tagging = null)
    {
        var directory = Directory.CreateTempSubdirectory("herald-config-").FullName;
        var config = new Dictionary<string, object?>
        {
            ["HeraldStorage"] = "UseDevelopmentStorage=true",
            ["Herald"] = new Dictionary<string, object?>
            {
                ["PublicBaseUrl"] = "http://localhost:7071",
                ["SigningKey"] = "collecting-tests-signing-key-0123456789abcdef",
                ["TemplateDirectory"] = RepositoryPaths.Templates,
                ["Sources"] = sources.ToList(),
                ["Tagging"] = tagging,
                ["Newsletters"] = new[]
                {
                    new Dictionary<string, object?>
                    {
                        ["Id"] = "white-house-watch",
                        ["Title"] = "White House Watch",
                        ["IncludeTags"] = new[] { "us-politics", "white-house" },
                        ["ExcludeTags"] = new[] { "sport" },
                        ["FromAddress"] = "watch@herald.example",
                        ["PostalAddress"] = "Herald Test Desk, 1 Test Street",
                    },
                },
            },
            ["Collecting"] = new Dictionary<string, object?>
            {
                ["AttemptTimeout"] = "00:00:02",
                ["TotalTimeout"] = "00:00:04",
                ["Retries"] = 0,
            },
        };
        var path = Path.Combine(directory, "herald.json");
        File.WriteAllText(path, JsonSerializer.Serialize(config));
        return path;
    }
}
