namespace Herald.UnitTests.Architecture;

/// <summary>
/// The core's folders and which way data may flow between them (see README, "Architecture"). Shared folders are
/// parts every feature builds on; they never use a feature. A feature uses shared folders and, of the features,
/// only those upstream of it, and only their public types. The root namespace composes everything and nothing uses it.
/// </summary>
public static class FlowRules
{
    public const string Root = "(root)";

    public static readonly IReadOnlySet<string> Shared = new HashSet<string>(StringComparer.Ordinal)
    {
        "Configuration", "Storage", "Queues", "Articles", "Text", "Templates", "Links", "Mail", "Telemetry",
    };

    /// <summary>Each feature and the features it may use: the pipeline's direction, collect → summarize → edition → deliver, and the site last.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Features = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["Collecting"] = [],
        ["Summarizing"] = [],
        ["Editions"] = ["Summarizing"],
        ["Subscribers"] = [],
        ["Inbound"] = ["Subscribers"],
        ["Delivery"] = ["Editions", "Subscribers"],
        ["Privacy"] = ["Subscribers", "Delivery"],
        ["Site"] = ["Editions", "Subscribers", "Inbound", "Delivery", "Privacy"],
    };

    /// <summary>"Herald.Collecting.Fetching.WebFetcher" is in folder "Collecting"; "Herald.HeraldServiceCollectionExtensions" in the root.</summary>
    public static string FolderOf(Type type)
    {
        var parts = (type.Namespace ?? "").Split('.');
        return parts.Length < 2 ? Root : parts[1];
    }

    /// <summary>Every dependency that breaks a rule, as a sentence naming both types; empty when the flow is one way.</summary>
    public static IReadOnlyList<string> Violations(IEnumerable<TypeDependency> dependencies)
    {
        var violations = new List<string>();
        var sharedEdges = new HashSet<(string, string)>();
        foreach (var (from, to) in dependencies)
        {
            var (source, target) = (FolderOf(from), FolderOf(to));
            if (source == target)
            {
                continue;
            }

            var why = Check(source, target, to);
            if (why is not null)
            {
                violations.Add($"{source} -> {target}: {from.Name} uses {to.Name} ({why})");
            }
            else if (Shared.Contains(source))
            {
                sharedEdges.Add((source, target));
            }
        }

        violations.AddRange(SharedCycles(sharedEdges));
        return [.. violations.Distinct().Order(StringComparer.Ordinal)];
    }

    private static string? Check(string source, string target, Type to)
    {
        if (source == Root)
        {
            return null;
        }

        if (target == Root)
        {
            return "the root only composes; nothing depends on it";
        }

        foreach (var folder in new[] { source, target })
        {
            if (!Shared.Contains(folder) && !Features.ContainsKey(folder))
            {
                return $"folder '{folder}' is neither shared nor a feature in FlowRules";
            }
        }

        if (Shared.Contains(source))
        {
            return Shared.Contains(target) ? null : "a shared folder never uses a feature";
        }

        if (Shared.Contains(target))
        {
            return null;
        }

        if (!Features[source].Contains(target, StringComparer.Ordinal))
        {
            return $"{target} is not upstream of {source}";
        }

        return to.IsPublic ? null : $"{to.Name} is internal to {target}";
    }

    /// <summary>
    /// The sub-folder a type lives in within its folder: "Editions.Rendering" for Herald.Editions.Rendering.DigestRenderer,
    /// null for a type at a folder's root or in the root namespace.
    /// </summary>
    public static string? SubFolderOf(Type type)
    {
        var parts = (type.Namespace ?? "").Split('.');
        return parts.Length < 3 ? null : $"{parts[1]}.{parts[2]}";
    }

    /// <summary>Each edge that closes a cycle in <paramref name="edges"/>, as "A -> B"; empty when the graph is acyclic.</summary>
    public static IReadOnlyList<string> Cycles(IEnumerable<(string From, string To)> edges)
    {
        var set = edges.Where(e => e.From != e.To).ToHashSet();
        return [.. set.Where(e => Reaches(set, e.To, e.From, [])).Select(e => $"{e.From} -> {e.To}").Order(StringComparer.Ordinal)];
    }

    private static IEnumerable<string> SharedCycles(HashSet<(string From, string To)> edges)
    {
        foreach (var (from, to) in edges)
        {
            if (Reaches(edges, to, from, []))
            {
                yield return $"{from} -> {to}: shared folders depend on each other in a cycle";
            }
        }
    }

    private static bool Reaches(HashSet<(string From, string To)> edges, string start, string goal, HashSet<string> seen)
    {
        if (start == goal)
        {
            return true;
        }

        return seen.Add(start) && edges.Where(e => e.From == start).Any(e => Reaches(edges, e.To, goal, seen));
    }
}
