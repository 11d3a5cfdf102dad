using System.Reflection;
using System.Text.Json.Nodes;
using Herald.Storage;
using Herald.Testing;

namespace Herald.Tests.Deployment;

/// <summary>
/// infra/ built and linted offline with the bicep binary from NuGet: no error, no unknown property or type, every
/// parameter and output described, roles named with guid(), the resources secure by default, and Herald's
/// containers, queues and tables the ones the code names.
/// </summary>
public class BicepTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Main_bicep_and_its_parameters_build_and_lint_without_errors_or_unknown_properties()
    {
        var (_, _, built) = await BicepCli.Compiled.Value;
        var lint = await BicepCli.RunAsync(BicepCli.Infra, null, "lint", "main.bicep");
        var lintParams = await BicepCli.RunAsync(BicepCli.Infra, new Dictionary<string, string> { ["AZURE_ENV_NAME"] = "herald-test" }, "lint", "main.bicepparam");
        output.WriteLine(built + lint.Output + lintParams.Output);

        Assert.Equal((0, 0), (lint.ExitCode, lintParams.ExitCode));
        Assert.Empty(BicepCli.Problems(built + lint.Output + lintParams.Output));
    }

    [Fact]
    public async Task A_property_azure_does_not_know_fails_the_check()
    {
        var copy = CopyInfra();
        var storage = Path.Combine(copy, "modules", "storage.bicep");
        await File.WriteAllTextAsync(storage, (await File.ReadAllTextAsync(storage, TestContext.Current.CancellationToken)).Replace("supportsHttpsTrafficOnly: true", "supportsHttpsTrafficOnly: true\n    httpsOnlyPlease: true", StringComparison.Ordinal), TestContext.Current.CancellationToken);

        var build = await BicepCli.RunAsync(copy, null, "build", "main.bicep", "--stdout");

        Assert.Equal(0, build.ExitCode); // bicep itself only warns...
        Assert.Contains(BicepCli.Problems(build.Output), p => p.Contains("Warning BCP037", StringComparison.Ordinal) && p.Contains("httpsOnlyPlease", StringComparison.Ordinal)); // ...the check fails
    }

    [Fact]
    public async Task The_linter_rules_made_errors_fail_the_lint()
    {
        var copy = CopyInfra();
        var identity = Path.Combine(copy, "modules", "identity.bicep");
        await File.AppendAllTextAsync(identity, "\n@description('Never used.')\nparam unused string = 'x'\n", TestContext.Current.CancellationToken);

        var lint = await BicepCli.RunAsync(copy, null, "lint", "main.bicep");

        Assert.NotEqual(0, lint.ExitCode);
        Assert.Contains(BicepCli.Problems(lint.Output), p => p.Contains("Error no-unused-params", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_parameter_and_output_of_every_template_has_a_description()
    {
        var missing = new List<string>();
        foreach (var (path, template) in Templates(await LoadAsync()))
        {
            foreach (var section in new[] { "parameters", "outputs" })
            {
                foreach (var (name, value) in template[section]?.AsObject() ?? [])
                {
                    if (value?["metadata"]?["description"] is null)
                    {
                        missing.Add($"{path}: {section} {name}");
                    }
                }
            }
        }

        Assert.Empty(missing);
    }

    [Fact]
    public async Task Role_assignments_are_named_with_guid_and_grant_only_the_roles_the_app_needs()
    {
        var template = await LoadAsync();
        var assignments = Templates(template).SelectMany(t => Resources(t.Template)).Where(r => (string?)r["type"] == "Microsoft.Authorization/roleAssignments").ToList();

        Assert.NotEmpty(assignments);
        Assert.All(assignments, a => Assert.StartsWith("[guid(", (string?)a["name"], StringComparison.Ordinal));
        var roles = string.Join(' ', assignments.Select(a => a.ToJsonString()));
        string[] granted = ["b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "974c5e8b-45b9-4653-ba55-5f855dd0fb88", "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", "4633458b-17de-408a-b874-0445c86b69e6", "3913510d-42f4-4e42-8a64-420c390055eb"];
        Assert.All(granted, id => Assert.Contains(id, template.ToJsonString(), StringComparison.Ordinal));
        Assert.DoesNotContain("b24988ac-6180-42a0-ab88-20f7382dd24c", roles, StringComparison.Ordinal); // Contributor
        Assert.DoesNotContain("8e3af657-a8ff-443c-a75c-2fe8c4bcb635", roles, StringComparison.Ordinal); // Owner
    }

    [Fact]
    public async Task Resources_are_secure_by_default()
    {
        var resources = Templates(await LoadAsync()).SelectMany(t => Resources(t.Template)).ToList();
        JsonNode Of(string type) => Assert.Single(resources, r => (string?)r["type"] == type)["properties"]!;

        var storage = Of("Microsoft.Storage/storageAccounts");
        Assert.Equal((true, "TLS1_2", false, false), ((bool)storage["supportsHttpsTrafficOnly"]!, (string?)storage["minimumTlsVersion"], (bool)storage["allowBlobPublicAccess"]!, (bool)storage["allowSharedKeyAccess"]!));
        var vault = Of("Microsoft.KeyVault/vaults");
        Assert.Equal((true, true), ((bool)vault["enableRbacAuthorization"]!, (bool)vault["enableSoftDelete"]!));
        Assert.True((bool)Of("Microsoft.Insights/components")["DisableLocalAuth"]!);
        Assert.True((bool)Of("Microsoft.OperationalInsights/workspaces")["features"]!["disableLocalAuth"]!);
        var site = Of("Microsoft.Web/sites");
        Assert.True((bool)site["httpsOnly"]!);
        Assert.Equal(("Disabled", "1.2"), ((string?)site["siteConfig"]!["ftpsState"], (string?)site["siteConfig"]!["minTlsVersion"]));
        Assert.Equal(("dotnet-isolated", "10.0"), ((string?)site["functionAppConfig"]!["runtime"]!["name"], (string?)site["functionAppConfig"]!["runtime"]!["version"]));
        Assert.Equal("FlexConsumption", (string?)Assert.Single(resources, r => (string?)r["type"] == "Microsoft.Web/serverfarms")["sku"]!["tier"]);
        Assert.DoesNotContain(resources, r => (string?)r["type"] == "Microsoft.KeyVault/vaults/accessPolicies");
    }

    [Fact]
    public async Task The_containers_queues_and_tables_are_the_ones_the_code_names()
    {
        var variables = (await LoadAsync())["variables"]!;
        string[] Names(string variable) => [.. variables[variable]!.AsArray().Select(n => (string)n!).Order(StringComparer.Ordinal)];
        string[] Code(string suffix) => [.. typeof(StorageNames).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.Name.EndsWith(suffix, StringComparison.Ordinal)).Select(f => (string)f.GetValue(null)!).Order(StringComparer.Ordinal)];

        Assert.Equal(Code("Container"), Names("heraldContainers"));
        Assert.Equal(Code("Queue"), Names("heraldQueues"));
        Assert.Equal(Code("Table"), Names("heraldTables"));
        // Each queue's poison queue too, as the host names it.
        var storageModule = (await LoadAsync())["resources"]!["storage"]!["properties"]!["template"]!;
        var queues = Assert.Single(Resources(storageModule), r => (string?)r["type"] == "Microsoft.Storage/storageAccounts/queueServices/queues");
        Assert.Contains("'{0}" + StorageNames.PoisonSuffix + "'", queues["copy"]!["count"]!.GetValue<string>() + queues["name"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static async Task<JsonNode> LoadAsync() => JsonNode.Parse(await File.ReadAllTextAsync((await BicepCli.Compiled.Value).Template))!;

    /// <summary>The main template and every module's template nested in it.</summary>
    internal static IEnumerable<(string Path, JsonNode Template)> Templates(JsonNode main)
    {
        yield return ("main", main);
        foreach (var module in Resources(main).Where(r => (string?)r["type"] == "Microsoft.Resources/deployments"))
        {
            yield return ($"module {module["name"]}", module["properties"]!["template"]!);
        }
    }

    /// <summary>A template's resources, whether listed (language version 1) or keyed by symbolic name (2.0).</summary>
    internal static IEnumerable<JsonNode> Resources(JsonNode template) =>
        template["resources"] switch
        {
            JsonArray list => list.Select(r => r!),
            JsonObject named => named.Select(p => p.Value!),
            _ => [],
        };

    private static string CopyInfra()
    {
        var copy = Directory.CreateTempSubdirectory("herald-infra-").FullName;
        foreach (var file in Directory.GetFiles(BicepCli.Infra, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(BicepCli.Infra, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return copy;
    }
}
