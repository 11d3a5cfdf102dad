namespace Herald.Testing;

public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Templates => Path.Combine(Root, "templates");

    public static string SampleDirectory => Path.Combine(Root, "samples", "white-house-watch");

    public static string SampleConfig => Path.Combine(SampleDirectory, "herald.json");

    public static string SampleFeed(string name) => Path.Combine(Root, "samples", "white-house-watch", "feeds", name);

    /// <summary>"Debug" or "Release": the configuration these tests (and so the projects they reference) were built in.</summary>
    public static string BuildConfiguration { get; } = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    /// <summary>The output folder of a referenced project ("functions", "cli"), built in the same configuration.</summary>
    public static string OutputOf(string projectFolder) => Path.Combine(Root, projectFolder, "bin", BuildConfiguration, "net10.0");

    /// <summary>The golden-file folder in the source tree (tests/Golden): read there, and rewritten there on request.</summary>
    public static string Golden(params string[] parts) => Path.Combine([Root, "tests", "Golden", .. parts]);

    /// <summary>Labeled test data in the source tree (tests/Data).</summary>
    public static string Data(string name) => Path.Combine(Root, "tests", "Data", name);

    /// <summary>The feed and page corpora and their scripts in the source tree (tests/Corpus).</summary>
    public static string Corpus(params string[] parts) => Path.Combine([Root, "tests", "Corpus", .. parts]);

    /// <summary>The shared data folder beside the project (../shared), or null when this checkout has none.</summary>
    public static string? Shared => Directory.Exists(Path.Combine(Root, "..", "shared")) ? Path.GetFullPath(Path.Combine(Root, "..", "shared")) : null;

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
