using System.CommandLine;
using System.CommandLine.Help;
using System.Text.RegularExpressions;

namespace Herald.UnitTests.Docs;

/// <summary>
/// The documentation's promises, checked on text: each method takes a page's text (and what it is checked against) and
/// returns one line per problem, naming it, so a test can feed it a real page or a deliberately broken copy.
/// </summary>
public static partial class DocumentationChecker
{
    /// <summary>Settings the code binds that the reference has no row for (a row: a table row whose first cell is the setting as a code span).</summary>
    public static IReadOnlyList<string> MissingSettings(IEnumerable<string> bound, string reference)
    {
        var documented = Markdown.FirstCellCodeSpans(reference).ToHashSet(StringComparer.Ordinal);
        return [.. bound.Where(setting => !documented.Contains(setting)).Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// Rows of the reference for settings of a bound section ("Delivery:...") that nothing binds: a renamed or removed
    /// setting whose row stayed. A row may name a group of settings ("Herald:Newsletters:N", "Herald:Tagging"). Settings outside the bound sections (HeraldStorage) are read directly and not checked here.
    /// </summary>
    public static IReadOnlyList<string> UnknownSettings(IReadOnlySet<string> bound, string reference)
    {
        var sections = bound.Where(s => s.Contains(':', StringComparison.Ordinal)).Select(s => s[..s.IndexOf(':', StringComparison.Ordinal)]).ToHashSet(StringComparer.Ordinal);
        return [.. Markdown.FirstCellCodeSpans(reference)
            .Where(span => span.Contains(':', StringComparison.Ordinal) && sections.Contains(span[..span.IndexOf(':', StringComparison.Ordinal)]))
            .Where(span => !bound.Contains(span) && !bound.Any(setting => setting.StartsWith(span + ":", StringComparison.Ordinal)))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// Relative links of <paramref name="relativePath"/> (a page of the repository at <paramref name="root"/>) whose file
    /// does not exist, that leave the repository, or whose "#anchor" is no heading of the target page.
    /// </summary>
    public static IReadOnlyList<string> BrokenLinks(string root, string relativePath, string text)
    {
        var problems = new List<string>();
        var directory = Path.GetDirectoryName(Path.Combine(root, relativePath))!;
        foreach (var link in Markdown.Links(text))
        {
            if (ExternalLink().IsMatch(link.Target))
            {
                continue;
            }

            var hash = link.Target.IndexOf('#', StringComparison.Ordinal);
            var path = Uri.UnescapeDataString(hash < 0 ? link.Target : link.Target[..hash]);
            var anchor = hash < 0 ? null : link.Target[(hash + 1)..];
            var target = path.Length == 0 ? Path.Combine(root, relativePath) : Path.GetFullPath(Path.Combine(directory, path));
            var where = $"{relativePath}:{link.Line}: {link.Target}";
            if (!target.StartsWith(Path.GetFullPath(root) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                problems.Add($"{where}: leaves the repository");
            }
            else if (!File.Exists(target) && !Directory.Exists(target))
            {
                problems.Add($"{where}: {path} does not exist");
            }
            else if (anchor is not null && !(File.Exists(target) && target.EndsWith(".md", StringComparison.Ordinal) && Markdown.Anchors(File.ReadAllText(target)).Contains(anchor)))
            {
                problems.Add($"{where}: no heading with the anchor #{anchor} in {(path.Length == 0 ? relativePath : path)}");
            }
        }

        return problems;
    }

    /// <summary>
    /// Commands and options the CLI's help shows that the CLI page does not: every visible sub-command needs a heading
    /// that starts with its full name ("herald subscribers import"), and each of its options (name and aliases) must
    /// appear in that heading's section; the root's options (--config, --data, ...) anywhere on the page.
    /// </summary>
    public static IReadOnlyList<string> UndocumentedCommands(Command root, string page)
    {
        var problems = new List<string>();
        var headings = Markdown.Headings(page);
        problems.AddRange(MissingOptions("herald", root, page));
        foreach (var (path, command) in Subcommands(root, "herald"))
        {
            var heading = headings.FirstOrDefault(h => CommandOfHeading(root, h.Text) == path);
            if (heading is null)
            {
                problems.Add($"{path}: no heading names it");
                continue;
            }

            problems.AddRange(MissingOptions(path, command, Markdown.SectionOf(page, heading)));
        }

        return problems;
    }

    /// <summary>
    /// Every "./herald ..." or "herald ..." line of the page's sh blocks that the CLI's own parser refuses, with its errors
    /// (an unknown command or option, a missing argument, a value of the wrong type).
    /// </summary>
    public static IReadOnlyList<string> UnparsableCommandLines(Command root, string relativePath, string text)
    {
        var problems = new List<string>();
        foreach (var fence in Markdown.Fences(text).Where(f => f.Info is "sh" or "bash" or "shell"))
        {
            for (var i = 0; i < fence.Lines.Count; i++)
            {
                var words = ShellWords.Split(fence.Lines[i].Trim().TrimStart('$').Trim()).SkipWhile(w => EnvironmentAssignment().IsMatch(w)).ToList();
                if (words.Count == 0 || words[0] is not ("./herald" or "herald"))
                {
                    continue;
                }

                var errors = root.Parse(words.Skip(1).ToArray()).Errors;
                if (errors.Count > 0)
                {
                    problems.Add($"{relativePath}:{fence.FirstLine + i}: {fence.Lines[i].Trim()}: {string.Join("; ", errors.Select(e => e.Message))}");
                }
            }
        }

        return problems;
    }

    /// <summary>
    /// Where the architecture page's tables disagree with the rules the architecture test enforces: each shared folder
    /// needs a row, and each feature a row whose last cell names, as code spans, exactly the features it may use ("—": none).
    /// </summary>
    public static IReadOnlyList<string> FlowTableMismatches(IReadOnlySet<string> shared, IReadOnlyDictionary<string, string[]> features, string page)
    {
        var rows = Markdown.TableRows(page)
            .Select(cells => (First: Markdown.CodeSpans(cells[0]), Last: Markdown.CodeSpans(cells[^1])))
            .Where(row => row.First.Count == 1)
            .GroupBy(row => row.First[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last().Last, StringComparer.Ordinal);
        var problems = new List<string>();
        problems.AddRange(shared.Where(folder => !rows.ContainsKey(folder)).Order(StringComparer.Ordinal).Select(folder => $"shared folder {folder}: no row"));
        foreach (var (feature, mayUse) in features.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            if (!rows.TryGetValue(feature, out var documented))
            {
                problems.Add($"feature {feature}: no row");
            }
            else if (!documented.ToHashSet(StringComparer.Ordinal).SetEquals(mayUse))
            {
                problems.Add($"feature {feature}: the page says it may use [{string.Join(", ", documented)}], the rules [{string.Join(", ", mayUse)}]");
            }
        }

        return problems;
    }

    /// <summary>Each visible sub-command with its full name, depth first.</summary>
    public static IEnumerable<(string Path, Command Command)> Subcommands(Command command, string path)
    {
        foreach (var sub in command.Subcommands.Where(c => !c.Hidden))
        {
            var name = $"{path} {sub.Name}";
            yield return (name, sub);
            foreach (var nested in Subcommands(sub, name))
            {
                yield return nested;
            }
        }
    }

    /// <summary>The command a heading names: "herald", then each following word while it is a sub-command of the one before.</summary>
    private static string? CommandOfHeading(Command root, string heading)
    {
        var words = heading.Replace("`", " ", StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0 || words[0] != "herald")
        {
            return null;
        }

        Command current = root;
        var path = "herald";
        foreach (var word in words.Skip(1))
        {
            if (current.Subcommands.FirstOrDefault(c => c.Name == word && !c.Hidden) is not { } sub)
            {
                break;
            }

            (current, path) = (sub, $"{path} {word}");
        }

        return path;
    }

    private static IEnumerable<string> MissingOptions(string path, Command command, string section) =>
        command.Options
            .Where(o => !o.Hidden && o is not HelpOption and not VersionOption)
            .SelectMany(o => o.Aliases.Prepend(o.Name))
            .Distinct(StringComparer.Ordinal)
            .Where(spelling => !Regex.IsMatch(section, $@"(?<![\w-]){Regex.Escape(spelling)}(?![\w-])"))
            .Select(spelling => $"{path}: {spelling} is not documented");

    [GeneratedRegex(@"^([a-zA-Z][a-zA-Z0-9+.-]*:|//)")]
    private static partial Regex ExternalLink();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*=")]
    private static partial Regex EnvironmentAssignment();
}
