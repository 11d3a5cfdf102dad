using System.Diagnostics;
using System.Text.Json.Nodes;
using Herald.Testing;

[assembly: AssemblyFixture(typeof(Herald.Functions.Tests.Infrastructure.PublishedApp))]

namespace Herald.Functions.Tests.Infrastructure;

/// <summary>
/// The package "azd deploy" ships: "dotnet publish functions" into a temporary folder, once per test run. The app
/// was built with this project (a project reference), so the publish only lays out that build (--no-build), as
/// the deployment would, with functions.metadata, worker.config.json and .azurefunctions beside the assembly.
/// </summary>
public sealed class PublishedApp : IAsyncLifetime
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "herald-functions-tests", "app-" + Guid.NewGuid().ToString("N")[..8]);

    public string Assembly => Path.Combine(Directory, "Herald.Functions.dll");

    /// <summary>functions.metadata as the SDK wrote it at build time: what the host would index without the worker.</summary>
    public JsonArray Metadata { get; private set; } = [];

    public string PublishOutput { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        if (!FunctionsProtocol.Compiled)
        {
            return; // nothing would run it
        }

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
        };
        foreach (var argument in new[] { "publish", Path.Combine(RepositoryPaths.Root, "functions", "Herald.Functions.csproj"), "-c", RepositoryPaths.BuildConfiguration, "-o", Directory, "--no-build", "--nologo" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet publish.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("dotnet publish functions did not finish in five minutes.");
        }

        PublishOutput = await output + await errors;
        if (process.ExitCode != 0 || !File.Exists(Assembly))
        {
            throw new InvalidOperationException($"dotnet publish functions failed (exit code {process.ExitCode}):\n{PublishOutput}");
        }

        Metadata = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Directory, "functions.metadata")))!.AsArray();
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
        catch (UnauthorizedAccessException)
        {
            // Likewise.
        }

        return ValueTask.CompletedTask;
    }
}
