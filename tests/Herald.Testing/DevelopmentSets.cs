using System.Text.Json;

namespace Herald.Testing;

/// <summary>The summarization development sets in ../shared/data (CNN/DailyMail and BBC articles with reference summaries).</summary>
public static class DevelopmentSets
{
    /// <summary>The set's path; where ../shared is absent, the test is skipped saying so (CI has it, so there the check runs).</summary>
    public static string PathOrSkip(string file)
    {
        var path = RepositoryPaths.Shared is { } shared ? Path.Combine(shared, "data", file) : null;
        if (path is null || !File.Exists(path))
        {
            Assert.Skip($"../shared/data/{file} is not here; this check runs where the shared development sets are (CI has them).");
        }

        return path;
    }

    /// <summary>The text of every article in the set, in order.</summary>
    public static List<string> Articles(string file) =>
        [.. File.ReadLines(PathOrSkip(file)).Where(l => l.Length > 0).Select(line =>
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.GetProperty("article").GetString()!;
        })];
}
