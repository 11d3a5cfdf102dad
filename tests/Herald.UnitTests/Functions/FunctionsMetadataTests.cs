using System.Text.Json;
using Herald.Testing;

namespace Herald.UnitTests.Functions;

/// <summary>
/// The Functions host cannot run here, so these tests read what it would read: the functions.metadata that the
/// worker SDK generates at build time, and assert every function's trigger, schedule setting, queue, route and methods.
/// </summary>
public class FunctionsMetadataTests
{
    private static readonly Lazy<Dictionary<string, JsonElement>> Functions = new(Load);

    public static TheoryData<string, string> Timers => new()
    {
        { "CollectArticles", "%CollectSchedule%" },
        { "BuildDigests", "%DigestSchedule%" },
        { "PruneRecords", "%PruneSchedule%" },
    };

    public static TheoryData<string, string> Queues => new()
    {
        { "SummarizeArticle", "summarize-articles" },
        { "SendDigestBatch", "send-digest-batches" },
        { "ProcessSignUp", "signup-requests" },
    };

    public static TheoryData<string, string, string[]> HttpFunctions => new()
    {
        { "Subscribe", "subscribe", ["post"] },
        { "SubscribePage", "subscribe/{newsletter}", ["get", "head"] },
        { "Confirm", "confirm", ["get", "head", "post"] },
        { "Unsubscribe", "unsubscribe", ["get", "head", "post"] },
        { "Preferences", "preferences", ["get", "head", "post"] },
        { "ExportData", "privacy/export", ["get", "head"] },
        { "EraseData", "privacy/erase", ["get", "head", "post"] },
        { "SendGridEvents", "events/sendgrid", ["post"] },
        { "Archive", "archive/{newsletter}/{edition}", ["get", "head"] },
        { "ArchiveIndex", "archive/{newsletter}", ["get", "head"] },
        { "ArchiveFeed", "archive/{newsletter}/feed", ["get", "head"] },
    };

    [Fact]
    public void Declares_exactly_Heralds_functions()
    {
        string[] expected = ["Archive", "ArchiveFeed", "ArchiveIndex", "BuildDigests", "CollectArticles", "Confirm", "EraseData", "ExportData", "InboundEmail", "Preferences", "ProcessSignUp", "PruneRecords", "SendDigestBatch", "SendGridEvents", "Subscribe", "SubscribePage", "SummarizeArticle", "Unsubscribe"];
        Assert.Equal(expected, Functions.Value.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Timers))]
    public void Timer_functions_take_their_schedule_from_a_setting(string name, string schedule)
    {
        var trigger = Trigger(name);
        Assert.Equal("timerTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal(schedule, trigger.GetProperty("schedule").GetString());
    }

    [Theory]
    [MemberData(nameof(Queues))]
    public void Queue_functions_listen_on_Heralds_queues_through_the_HeraldStorage_connection(string name, string queue)
    {
        var trigger = Trigger(name);
        Assert.Equal("queueTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal(queue, trigger.GetProperty("queueName").GetString());
        Assert.Equal("HeraldStorage", trigger.GetProperty("connection").GetString());
    }

    [Theory]
    [MemberData(nameof(HttpFunctions))]
    public void Http_functions_have_their_route_and_methods(string name, string route, string[] methods)
    {
        var trigger = Trigger(name);
        Assert.Equal("httpTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal(route, trigger.GetProperty("route").GetString());
        Assert.Equal(methods, trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToLowerInvariant()).Order(StringComparer.Ordinal));
        Assert.Equal("Anonymous", trigger.GetProperty("authLevel").GetString());
        Assert.Contains(Functions.Value[name].GetProperty("bindings").EnumerateArray(), b => b.GetProperty("type").GetString() == "http" && b.GetProperty("direction").GetString() == "Out");
    }

    [Fact]
    public void The_http_functions_are_exactly_the_sites_endpoints_that_herald_serve_maps()
    {
        var http = Functions.Value.Where(f => Trigger(f.Key).GetProperty("type").GetString() == "httpTrigger")
            .Select(f => (f.Key, Route: Trigger(f.Key).GetProperty("route").GetString(), Methods: string.Join(',', Trigger(f.Key).GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant()).Order(StringComparer.Ordinal))))
            .OrderBy(f => f.Key, StringComparer.Ordinal);
        var site = Herald.Site.SiteEndpoints.All.Select(e => (e.Name, (string?)e.Route, string.Join(',', e.Methods.Order(StringComparer.Ordinal)))).OrderBy(e => e.Name, StringComparer.Ordinal);

        Assert.Equal(site, http);
    }

    [Fact]
    public void Every_function_points_at_the_worker_assembly()
    {
        Assert.All(Functions.Value.Values, f =>
        {
            Assert.Equal("Herald.Functions.dll", f.GetProperty("scriptFile").GetString());
            Assert.StartsWith("Herald.Functions.", f.GetProperty("entryPoint").GetString(), StringComparison.Ordinal);
        });
    }

    [Fact]
    public void The_build_output_carries_the_root_host_json_and_the_templates()
    {
        var output = Path.GetDirectoryName(MetadataPath())!;
        Assert.Equal(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "host.json")), File.ReadAllText(Path.Combine(output, "host.json")));
        Assert.True(File.Exists(Path.Combine(output, "templates", "digest.html.scriban")));
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "host.json")));
        Assert.Equal("2.0", host.RootElement.GetProperty("version").GetString());
    }

    private static JsonElement Trigger(string name) =>
        Functions.Value[name].GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));

    private static string MetadataPath()
    {
        var path = Path.Combine(RepositoryPaths.OutputOf("functions"), "functions.metadata");
        Assert.True(File.Exists(path), $"functions.metadata not found at {path}; the test project builds the functions project first.");
        return path;
    }

    private static Dictionary<string, JsonElement> Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(MetadataPath()));
        return document.RootElement.EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f.Clone());
    }
}
