using System.Reflection;

namespace Herald.Functions.Tests.Infrastructure;

/// <summary>Where things are in the repository these tests were built from (a minimal copy of Herald.Tests' helper of that name).</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string SampleDirectory => Path.Combine(Root, "samples", "white-house-watch");

    public static string SampleConfig => Path.Combine(SampleDirectory, "herald.json");

    public static string FunctionsProject => Path.Combine(Root, "functions", "Herald.Functions.csproj");

    /// <summary>"Debug" or "Release": the configuration this project, and so the functions app it references, was built in.</summary>
    public static string BuildConfiguration { get; } = Metadata("BuildConfiguration") ?? "Release";

    /// <summary>The folder that holds FunctionRpc.proto, as the build looked for it (../shared/functions-rpc beside the repository).</summary>
    public static string FunctionsRpcDirectory { get; } = Metadata("FunctionsRpcDirectory") ?? Path.GetFullPath(Path.Combine(Root, "..", "shared", "functions-rpc"));

    private static string? Metadata(string key) =>
        typeof(RepositoryPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Herald.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Herald.slnx not found above the test output folder.");
    }
}
