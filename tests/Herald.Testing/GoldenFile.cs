namespace Herald.Testing;

/// <summary>
/// Compares output with a committed expected file under tests/Herald.Tests/Golden. On a difference the failure shows
/// a diff of the lines around the first change; HERALD_UPDATE_GOLDEN=1 rewrites the expected file instead, for review
/// in the commit's diff. Cases are discovered from the files on disk: a new input beside its expected output is a new case.
/// </summary>
public static class GoldenFile
{
    private const int Context = 3;

    public static void AssertMatches(string name, string actual)
    {
        actual = actual.Replace("\r\n", "\n", StringComparison.Ordinal);
        var source = RepositoryPaths.Golden(name);
        if (Environment.GetEnvironmentVariable("HERALD_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(source, actual);
            return;
        }

        Assert.True(File.Exists(source), $"Golden file {source} is missing; run the tests once with HERALD_UPDATE_GOLDEN=1 and review it.");
        var expected = File.ReadAllText(source).Replace("\r\n", "\n", StringComparison.Ordinal);
        if (expected != actual)
        {
            Assert.Fail($"{name} differs from the golden file (- expected, + actual):\n{Diff(expected.Split('\n'), actual.Split('\n'))}");
        }
    }

    /// <summary>The case names in a golden folder: every "{name}{inputSuffix}" file, without the suffix, in order.</summary>
    public static TheoryData<string> Cases(string folder, string inputSuffix) =>
        [.. Directory.GetFiles(RepositoryPaths.Golden(folder), "*" + inputSuffix)
            .Select(path => Path.GetFileName(path)[..^inputSuffix.Length])
            .Order(StringComparer.Ordinal)];

    /// <summary>The changed region of two texts with a few lines of context, as a unified diff hunk.</summary>
    public static string Diff(string[] expected, string[] actual)
    {
        var start = 0;
        while (start < expected.Length && start < actual.Length && expected[start] == actual[start])
        {
            start++;
        }

        int endExpected = expected.Length, endActual = actual.Length;
        while (endExpected > start && endActual > start && expected[endExpected - 1] == actual[endActual - 1])
        {
            endExpected--;
            endActual--;
        }

        var from = Math.Max(0, start - Context);
        var lines = new List<string> { $"@@ line {start + 1} @@" };
        lines.AddRange(expected[from..start].Select(l => "  " + l));
        lines.AddRange(expected[start..endExpected].Select(l => "- " + l));
        lines.AddRange(actual[start..endActual].Select(l => "+ " + l));
        lines.AddRange(expected[endExpected..Math.Min(expected.Length, endExpected + Context)].Select(l => "  " + l));
        return string.Join('\n', lines);
    }
}
