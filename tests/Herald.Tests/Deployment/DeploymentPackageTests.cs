using System.Diagnostics;
using System.Text.Json;
using System.Xml.Linq;
using Herald.Testing;
using YamlDotNet.RepresentationModel;

namespace Herald.Tests.Deployment;

/// <summary>
/// What azd would deploy, checked offline (azd cannot reach Azure here): azure.yaml's shape and paths, and the
/// package "dotnet publish" makes of functions/, laid out as the Functions host reads it.
/// </summary>
public class DeploymentPackageTests(ITestOutputHelper output)
{
    [Fact]
    public void Azure_yaml_provisions_infra_main_and_deploys_the_functions_project_to_the_tagged_app()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "azure.yaml"))));
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        string Scalar(YamlNode node, string key) => ((YamlScalarNode)((YamlMappingNode)node).Children[new YamlScalarNode(key)]).Value!;

        var infra = root.Children[new YamlScalarNode("infra")];
        Assert.Equal("bicep", Scalar(infra, "provider"));
        Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root, Scalar(infra, "path"), Scalar(infra, "module") + ".bicep")));
        Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root, Scalar(infra, "path"), Scalar(infra, "module") + ".bicepparam")));

        var services = (YamlMappingNode)root.Children[new YamlScalarNode("services")];
        var (name, service) = Assert.Single(services.Children);
        Assert.Equal(("dotnet", "function"), (Scalar(service, "language"), Scalar(service, "host")));
        var project = Path.GetFullPath(Path.Combine(RepositoryPaths.Root, Scalar(service, "project")));
        var csproj = XDocument.Load(Assert.Single(Directory.GetFiles(project, "*.csproj")));
        Assert.Equal("v4", csproj.Descendants("AzureFunctionsVersion").Single().Value);

        // azd finds the app to deploy to by this tag.
        var app = File.ReadAllText(Path.Combine(BicepCli.Infra, "modules", "functionApp.bicep"));
        Assert.Contains($"'azd-service-name': '{((YamlScalarNode)name).Value}'", app, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publishing_the_functions_project_makes_the_package_the_host_expects()
    {
        var package = Directory.CreateTempSubdirectory("herald-publish-").FullName;
        try
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryPaths.Root };
            foreach (var argument in new[] { "publish", "functions/Herald.Functions.csproj", "-c", RepositoryPaths.BuildConfiguration, "--no-build", "-o", package, "--nologo" })
            {
                start.ArgumentList.Add(argument);
            }

            using (var publish = Process.Start(start)!)
            {
                var said = await publish.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken) + await publish.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
                await publish.WaitForExitAsync(TestContext.Current.CancellationToken);
                output.WriteLine(said);
                Assert.True(publish.ExitCode == 0, said);
            }

            // The host's files at the root of the package.
            Assert.Equal(await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "host.json"), TestContext.Current.CancellationToken), await File.ReadAllTextAsync(Path.Combine(package, "host.json"), TestContext.Current.CancellationToken));
            using var worker = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(package, "worker.config.json"), TestContext.Current.CancellationToken));
            var description = worker.RootElement.GetProperty("description");
            Assert.Equal("dotnet-isolated", description.GetProperty("language").GetString());
            Assert.True(File.Exists(Path.Combine(package, description.GetProperty("defaultWorkerPath").GetString()!)));
            using var metadata = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(package, "functions.metadata"), TestContext.Current.CancellationToken));
            Assert.Equal(18, metadata.RootElement.GetArrayLength());
            using var extensions = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(package, "extensions.json"), TestContext.Current.CancellationToken));
            Assert.All(extensions.RootElement.GetProperty("extensions").EnumerateArray(), e => Assert.True(File.Exists(Path.Combine(package, e.GetProperty("hintPath").GetString()!)), e.GetProperty("hintPath").GetString()));
            using var runtime = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(package, "Herald.Functions.runtimeconfig.json"), TestContext.Current.CancellationToken));
            Assert.Equal("net10.0", runtime.RootElement.GetProperty("runtimeOptions").GetProperty("tfm").GetString());

            // The templates the app renders with, under templates/ (Herald:TemplateDirectory's default), and no local secrets.
            Assert.Equal(
                Directory.GetFiles(RepositoryPaths.Templates, "*.scriban").Select(Path.GetFileName).Order(StringComparer.Ordinal),
                Directory.GetFiles(Path.Combine(package, "templates"), "*.scriban").Select(Path.GetFileName).Order(StringComparer.Ordinal));
            Assert.False(File.Exists(Path.Combine(package, "local.settings.json")));

            // The embedding model's runtime for the platform the app runs on, and no other platform's native libraries.
            Assert.True(File.Exists(Path.Combine(package, "runtimes", "linux-x64", "native", "libonnxruntime.so")));
            Assert.Equal(["linux-x64"], Directory.GetDirectories(Path.Combine(package, "runtimes")).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(package, recursive: true);
        }
    }
}
