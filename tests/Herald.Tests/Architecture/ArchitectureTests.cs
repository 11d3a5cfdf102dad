using System.Reflection;
using Herald.Articles;
using Herald.Delivery;
using Herald.Editions;
using Herald.Queues;
using Herald.Summarizing;
using Herald.Text;

namespace Herald.Tests.Architecture;

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

        // EditionFanOut only calls SendQueue inside an async method (a compiler-generated state machine).
        Assert.Contains(new TypeDependency(typeof(EditionFanOut), typeof(SendQueue)), dependencies);
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
    public void The_rules_refuse_a_cycle_between_shared_folders()
    {
        var violations = FlowRules.Violations([new TypeDependency(typeof(ArticleStore), typeof(Words)), new TypeDependency(typeof(Words), typeof(Article))]);

        Assert.Contains(violations, v => v.Contains("cycle", StringComparison.Ordinal));
    }
}
