namespace Herald.Local;

/// <summary>Where the CLI finds its defaults: the repository (samples, templates, node_modules) and its .herald data folder.</summary>
public static class HeraldPaths
{
    /// <summary>HERALD_HOME when set (the ./herald script sets it), else the first folder upwards holding Herald.slnx, else the current folder.</summary>
    public static string Home()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("HERALD_HOME");
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return Path.GetFullPath(fromEnvironment);
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Herald.slnx")))
                {
                    return dir.FullName;
                }
            }
        }

        return Directory.GetCurrentDirectory();
    }

    public static string DefaultConfig(string home) => Path.Combine(home, "samples", "white-house-watch", "herald.json");

    public static string DataDirectory(string home) => Path.Combine(home, ".herald");
}
