namespace Herald.Tests.Infrastructure;

/// <summary>
/// Compares output with a committed expected file (tests/Herald.Tests/Golden). On a difference the failure shows
/// the first differing line of each; HERALD_UPDATE_GOLDEN=1 rewrites the expected file in the source tree instead.
/// </summary>
public static class GoldenFile
{
    public static void AssertMatches(string name, string actual)
    {
        actual = actual.Replace("\r\n", "\n", StringComparison.Ordinal);
        var source = Path.Combine(RepositoryPaths.Root, "tests", "Herald.Tests", "Golden", name);
        if (Environment.GetEnvironmentVariable("HERALD_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(source, actual);
            return;
        }

        Assert.True(File.Exists(source), $"Golden file {source} is missing; run the tests once with HERALD_UPDATE_GOLDEN=1 and review it.");
        var expected = File.ReadAllText(source).Replace("\r\n", "\n", StringComparison.Ordinal);
        if (expected == actual)
        {
            return;
        }

        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        var line = 0;
        while (line < Math.Min(expectedLines.Length, actualLines.Length) && expectedLines[line] == actualLines[line])
        {
            line++;
        }

        Assert.Fail($"{name} differs at line {line + 1}:\n  expected: {(line < expectedLines.Length ? expectedLines[line] : "<end>")}\n  actual:   {(line < actualLines.Length ? actualLines[line] : "<end>")}");
    }
}
