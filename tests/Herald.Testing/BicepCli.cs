using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Herald.Testing;

/// <summary>
/// The bicep binary from the NuGet package Azure.Bicep.CommandLine.linux-x64 (restored with the tests; no download,
/// no registry): builds and lints infra/ offline.
/// </summary>
public static partial class BicepCli
{
    public static string Executable { get; } = Locate();

    public static string Infra => Path.Combine(RepositoryPaths.Root, "infra");

    /// <summary>infra/ compiled once for every test that reads the ARM JSON.</summary>
    public static Lazy<Task<(string Template, string Parameters, string Output)>> Compiled { get; } = new(() => BuildAsync(Infra));

    /// <summary>Runs bicep with <paramref name="arguments"/> in <paramref name="directory"/>; environment variables the .bicepparam reads come from <paramref name="environment"/>.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string directory, IDictionary<string, string>? environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = directory };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, (await output) + (await errors));
    }

    /// <summary>
    /// What must fail the check in bicep's output: any error, and any "Warning BCP..." — a property or type Azure's
    /// resource types do not know, which bicep only warns about and Azure refuses at deployment.
    /// </summary>
    public static List<string> Problems(string output) =>
        [.. output.Split('\n').Select(l => l.Trim()).Where(l => ProblemLine().IsMatch(l))];

    /// <summary>Compiles main.bicep and main.bicepparam of <paramref name="infra"/> into a temporary folder; returns the two JSON files and what bicep said.</summary>
    public static async Task<(string Template, string Parameters, string Output)> BuildAsync(string infra)
    {
        var output = Directory.CreateTempSubdirectory("herald-bicep-").FullName;
        var template = Path.Combine(output, "main.json");
        var parameters = Path.Combine(output, "main.parameters.json");
        var build = await RunAsync(infra, null, "build", "main.bicep", "--outfile", template);
        var buildParams = await RunAsync(infra, new Dictionary<string, string> { ["AZURE_ENV_NAME"] = "herald-test", ["AZURE_LOCATION"] = "eastus2" }, "build-params", "main.bicepparam", "--outfile", parameters);
        Assert.True(build.ExitCode == 0, build.Output);
        Assert.True(buildParams.ExitCode == 0, buildParams.Output);
        return (template, parameters, build.Output + buildParams.Output);
    }

    private static string Locate()
    {
        var package = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepPackage").Value;
        var path = Path.Combine(package ?? "", "tools", "bicep");
        Assert.True(File.Exists(path), $"bicep not found at '{path}': the test project restores Azure.Bicep.CommandLine.linux-x64.");
        // NuGet may unpack without the executable bit.
        if (!OperatingSystem.IsWindows() && !File.GetUnixFileMode(path).HasFlag(UnixFileMode.UserExecute))
        {
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute);
        }

        return path;
    }

    [GeneratedRegex(@"\) : (Error |Warning BCP)")]
    private static partial Regex ProblemLine();
}
