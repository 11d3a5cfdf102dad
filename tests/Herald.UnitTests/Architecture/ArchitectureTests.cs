using System.Reflection;
using Herald.Articles;
using Herald.Delivery;
using Herald.Editions;
using Herald.Queues;
using Herald.Summarizing;
using Herald.Text;

namespace Herald.UnitTests.Architecture;

/// <summary>The core's data flows one way: these tests read its compiled code and fail on a dependency against the flow.</summary>
public class ArchitectureTests(ITestOutputHelper output)
{
    private static readonly Assembly Core = typeof(HeraldServiceCollectionExtensions).Assembly;

    [Fact]
    public void Every_dependency_between_the_cores_folders_follows_the_flow()
    {
        var dependencies = TypeDependencies.Of(Core);
        foreach (var group in dependencies.GroupBy(d => (From: FlowRules.FolderOf(d.From), To: FlowRules.FolderOf(d.To))).Where(g => g.Key.From != g.Key.To).OrderBy(g => g.Key.From).ThenBy(g => g.Key.To))
        {
            output.WriteLine($"{group.Key.From} -> {group.Key.To} ({group.Count()} type pairs)");
        }

        Assert.True(dependencies.Count > 100, $"only {dependencies.Count} dependencies were read: the reader is broken");
        var violations = FlowRules.Violations(dependencies);
        Assert.True(violations.Count == 0, "Against the flow:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void Every_folder_of_the_core_is_in_the_rules()
    {
        var folders = Core.GetTypes().Where(t => t.Namespace?.StartsWith("Herald", StringComparison.Ordinal) == true).Select(FlowRules.FolderOf).Where(f => f != FlowRules.Root).ToHashSet();

        Assert.All(folders, folder => Assert.True(FlowRules.Shared.Contains(folder) || FlowRules.Features.ContainsKey(folder), $"folder {folder} is not in FlowRules"));
    }

    [Fact]
    public void The_core_references_neither_the_hosts_nor_the_local_tools()
    {
        var references = Core.GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.DoesNotContain("Herald.Functions", references);
        Assert.DoesNotContain("Herald.Cli", references);
        Assert.DoesNotContain("Herald.Local", references);
    }

    [Fact]
    public void The_reader_sees_uses_inside_method_bodies()
    {
        var dependencies = TypeDependencies.Of(Core);

        // BatchCutter only calls SendQueue inside an async method (a compiler-generated state machine).
        Assert.Contains(new TypeDependency(typeof(BatchCutter), typeof(SendQueue)), dependencies);
        // SentencePicker calls the static Words.Count inside a lambda.
        Assert.Contains(new TypeDependency(typeof(SentencePicker), typeof(Words)), dependencies);
        Assert.Contains(new TypeDependency(typeof(EditionBuilder), typeof(ArticleStore)), dependencies);
    }

    [Theory]
    [InlineData(typeof(EditionBuilder), typeof(SendQueue), null)]
    [InlineData(typeof(EditionBuilder), typeof(BatchSender), "Delivery is not upstream of Editions")]
    [InlineData(typeof(Words), typeof(EditionStore), "a shared folder never uses a feature")]
    [InlineData(typeof(ArticleStore), typeof(HeraldServiceCollectionExtensions), "the root only composes")]
    public void The_rules_refuse_a_dependency_against_the_flow(Type from, Type to, string? refusal)
    {
        var violations = FlowRules.Violations([new TypeDependency(from, to)]);

        if (refusal is null)
        {
            Assert.Empty(violations);
        }
        else
        {
            Assert.Contains(violations, v => v.Contains(refusal, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void The_hosts_and_local_tools_depend_on_the_core_and_never_the_reverse()
    {
        // Each of Herald's assemblies and the Herald assemblies it may reference: the core none; the Functions app and the
        // local tools the core; the command line the core and the local tools. Nothing references the command line.
        var allowed = new Dictionary<Assembly, string[]>
        {
            [Core] = [],
            [typeof(Herald.Local.HeraldHost).Assembly] = ["Herald"],
            [typeof(Herald.Functions.HeraldFunctionsSetup).Assembly] = ["Herald"],
            [typeof(Herald.Cli.Commands.HeraldCommands).Assembly] = ["Herald", "Herald.Local"],
        };

        foreach (var (assembly, may) in allowed)
        {
            var references = assembly.GetReferencedAssemblies().Select(a => a.Name!).Where(n => n == "Herald" || n.StartsWith("Herald.", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
            output.WriteLine($"{assembly.GetName().Name} -> {string.Join(", ", references)}");
            Assert.True(references.All(may.Contains), $"{assembly.GetName().Name} references {string.Join(", ", references.Except(may))}, which it may not");
        }
    }

    [Fact]
    public void The_sub_folders_of_every_feature_and_host_depend_on_each_other_one_way()
    {
        var graphs = new[]
        {
            ("core", TypeDependencies.Of(Core)),
            ("functions", TypeDependencies.Of(typeof(Herald.Functions.HeraldFunctionsSetup).Assembly)),
            ("cli", TypeDependencies.Of(typeof(Herald.Cli.Commands.HeraldCommands).Assembly)),
        };

        foreach (var (name, dependencies) in graphs)
        {
            // In the core, the sub-folders of one feature ("Editions.Rendering" and "Editions.Stories"); in a host, its folders.
            var edges = dependencies
                .Select(d => name == "core" ? (From: FlowRules.SubFolderOf(d.From), To: FlowRules.SubFolderOf(d.To)) : (From: d.From.Namespace, To: d.To.Namespace))
                .Where(e => e.From is not null && e.To is not null && e.From != e.To && (name != "core" || e.From.Split('.')[0] == e.To.Split('.')[0]))
                .Select(e => (e.From!, e.To!))
                .Distinct()
                .ToList();
            foreach (var (from, to) in edges.Order())
            {
                output.WriteLine($"{name}: {from} -> {to}");
            }

            var cycles = FlowRules.Cycles(edges);
            Assert.True(cycles.Count == 0, $"In {name}, folders that depend on each other in a cycle:\n" + string.Join("\n", cycles));
        }
    }

    [Fact]
    public void The_allowed_table_of_the_features_is_itself_one_way()
    {
        var edges = FlowRules.Features.SelectMany(f => f.Value.Select(upstream => (f.Key, upstream)));

        Assert.Empty(FlowRules.Cycles(edges));
        Assert.All(FlowRules.Features.Values.SelectMany(v => v), upstream => Assert.True(FlowRules.Features.ContainsKey(upstream), $"{upstream} is named upstream but is not a feature"));
    }

    [Fact]
    public void The_cycle_check_finds_a_cycle_of_three()
    {
        var cycles = FlowRules.Cycles([("Editions.Rendering", "Editions.Stories"), ("Editions.Stories", "Editions.Scheduling"), ("Editions.Scheduling", "Editions.Rendering"), ("Site.Http", "Site.Pages")]);

        Assert.Equal(["Editions.Rendering -> Editions.Stories", "Editions.Scheduling -> Editions.Rendering", "Editions.Stories -> Editions.Scheduling"], cycles);
    }

    [Fact]
    public void The_rules_refuse_a_cycle_between_shared_folders()
    {
        var violations = FlowRules.Violations([new TypeDependency(typeof(ArticleStore), typeof(Words)), new TypeDependency(typeof(Words), typeof(Article))]);

        Assert.Contains(violations, v => v.Contains("cycle", StringComparison.Ordinal));
    }
}
