using System.Reflection;
using Herald.Cli.Commands;
using Herald.UnitTests.Architecture;
using Herald.Testing;

namespace Herald.UnitTests.Docs;

/// <summary>
/// The documentation says what the code does: every setting is in the configuration reference, every command and option
/// on the CLI page, every relative link resolves and every herald command line parses. Text and reflection only: no
/// server, no process. The last tests break a copy of a page and see each check name what broke.
/// </summary>
public class DocumentationTests(ITestOutputHelper output)
{
    private static readonly Lazy<IReadOnlySet<string>> BoundSettings = new(() => SettingPaths.Bound(
        typeof(HeraldServiceCollectionExtensions).Assembly,
        Assembly.Load(new AssemblyName("Herald.Functions")),
        typeof(Herald.Local.LocalOptions).Assembly));

    private static string Page(string relativePath) => File.ReadAllText(Path.Combine(RepositoryPaths.Root, relativePath));

    /// <summary>README.md, infra/README.md and every page of docs/, as repository-relative paths.</summary>
    public static TheoryData<string> Pages()
    {
        var pages = new TheoryData<string>("README.md", Path.Combine("infra", "README.md"));
        foreach (var page in Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "docs"), "*.md").Order(StringComparer.Ordinal))
        {
            pages.Add(Path.GetRelativePath(RepositoryPaths.Root, page));
        }

        return pages;
    }

    [Fact]
    public void Settings_are_found_in_every_options_section_and_in_nested_lists_and_dictionaries()
    {
        // Whatever class binds them, these are settings Herald reads; finding them shows the discovery reaches each shape.
        Assert.Superset(
            new HashSet<string>(StringComparer.Ordinal)
            {
                "Herald:PublicBaseUrl", "Herald:SigningKey", "Herald:PreviousSigningKeys:N", "Herald:Newsletters:N:Window",
                "Herald:Newsletters:N:Sections:N:Tags:N", "Herald:Newsletters:N:TagWeights:KEY", "Herald:Newsletters:N:Sources:N:Url",
                "Herald:Sources:N:AllowPrivateNetwork", "Herald:Tagging:Rules:N:Keywords:N", "Herald:Tagging:Synonyms:KEY",
                "Collecting:Proxy", "Delivery:BatchSize", "Delivery:Mode", "Site:AllowedOrigins:N", "SignUps:ConfirmationsPerClientPerHour",
                "Inbound:ParseDomain", "Storage:NamePrefix", "Summarizer:Mode", "CollectSchedule", "DigestSchedule", "PruneSchedule",
            },
            BoundSettings.Value.ToHashSet(StringComparer.Ordinal));
        Assert.DoesNotContain("Inbound:Enabled", BoundSettings.Value); // computed, not a setting
        output.WriteLine(string.Join('\n', BoundSettings.Value));
    }

    [Fact]
    public void Every_setting_the_options_bind_has_a_row_in_the_configuration_reference()
    {
        var missing = DocumentationChecker.MissingSettings(BoundSettings.Value, Page("docs/configuration.md"));
        Assert.True(missing.Count == 0, "Not in docs/configuration.md:\n" + string.Join('\n', missing));
    }

    [Fact]
    public void Every_setting_row_of_the_configuration_reference_is_a_setting_the_options_bind()
    {
        var unknown = DocumentationChecker.UnknownSettings(BoundSettings.Value, Page("docs/configuration.md"));
        Assert.True(unknown.Count == 0, "Documented, but nothing binds them:\n" + string.Join('\n', unknown));
    }

    [Fact]
    public void Every_command_and_option_of_the_help_is_on_the_cli_page()
    {
        var root = HeraldCommands.Build();
        var undocumented = DocumentationChecker.UndocumentedCommands(root, Page("docs/cli.md"));
        output.WriteLine(string.Join('\n', DocumentationChecker.Subcommands(root, "herald").Select(c => c.Path)));
        Assert.True(undocumented.Count == 0, "Missing from docs/cli.md:\n" + string.Join('\n', undocumented));
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Every_relative_link_resolves(string page)
    {
        var broken = DocumentationChecker.BrokenLinks(RepositoryPaths.Root, page, Page(page));
        Assert.True(broken.Count == 0, string.Join('\n', broken));
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Every_herald_command_line_parses(string page)
    {
        var refused = DocumentationChecker.UnparsableCommandLines(HeraldCommands.Build(), page, Page(page));
        Assert.True(refused.Count == 0, string.Join('\n', refused));
    }

    [Fact]
    public void The_architecture_page_lists_the_folders_and_the_flow_the_architecture_test_enforces()
    {
        var mismatches = DocumentationChecker.FlowTableMismatches(FlowRules.Shared, FlowRules.Features, Page("docs/architecture.md"));
        Assert.True(mismatches.Count == 0, "docs/architecture.md against FlowRules:\n" + string.Join('\n', mismatches));
    }

    [Fact]
    public void The_docs_link_every_page_of_docs_from_the_readme()
    {
        var linked = Markdown.Links(Page("README.md")).Select(l => l.Target.Split('#')[0]).ToHashSet(StringComparer.Ordinal);
        var unlinked = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "docs"), "*.md").Select(p => "docs/" + Path.GetFileName(p)).Where(p => !linked.Contains(p)).ToList();
        Assert.True(unlinked.Count == 0, "Not linked from README.md: " + string.Join(", ", unlinked));
    }

    [Fact]
    public void A_reference_missing_one_setting_is_reported_by_name()
    {
        var reference = Page("docs/configuration.md");
        var withoutRow = string.Join('\n', reference.ReplaceLineEndings("\n").Split('\n').Where(line => !line.StartsWith("| `Delivery:BatchSize` |", StringComparison.Ordinal)));
        Assert.NotEqual(reference.ReplaceLineEndings("\n"), withoutRow);

        Assert.Equal(["Delivery:BatchSize"], DocumentationChecker.MissingSettings(BoundSettings.Value, withoutRow));
    }

    [Fact]
    public void A_reference_row_for_a_setting_nothing_binds_is_reported_by_name()
    {
        var reference = Page("docs/configuration.md") + "\n| `Delivery:BatchSise` | int | 1000 | a misspelt row |\n";

        Assert.Equal(["Delivery:BatchSise"], DocumentationChecker.UnknownSettings(BoundSettings.Value, reference));
    }

    [Fact]
    public void A_readme_with_a_broken_link_or_anchor_is_reported_by_name()
    {
        var readme = Page("README.md") + "\nSee [the manual](docs/manual.md) and [its missing part](docs/configuration.md#no-such-part).\n";

        var broken = DocumentationChecker.BrokenLinks(RepositoryPaths.Root, "README.md", readme);

        Assert.Collection(
            broken,
            missingFile => Assert.Contains("docs/manual.md does not exist", missingFile, StringComparison.Ordinal),
            missingAnchor => Assert.Contains("no heading with the anchor #no-such-part in docs/configuration.md", missingAnchor, StringComparison.Ordinal));
    }

    [Fact]
    public void A_cli_page_missing_an_option_or_a_command_is_reported_by_name()
    {
        var page = Page("docs/cli.md").Replace("--parallel", "--several", StringComparison.Ordinal).Replace("## herald prune", "## Pruning", StringComparison.Ordinal);

        var undocumented = DocumentationChecker.UndocumentedCommands(HeraldCommands.Build(), page);

        Assert.Equal(["herald send: --parallel is not documented", "herald prune: no heading names it"], undocumented);
    }

    [Fact]
    public void An_architecture_page_that_drops_a_dependency_is_reported_by_feature()
    {
        var page = Page("docs/architecture.md");
        var changed = page.Replace("| `Editions`, `Subscribers`, `Inbound`, `Delivery`, `Privacy` |", "| `Editions`, `Subscribers`, `Inbound`, `Delivery` |", StringComparison.Ordinal);
        Assert.NotEqual(page, changed);

        var mismatches = DocumentationChecker.FlowTableMismatches(FlowRules.Shared, FlowRules.Features, changed);

        var mismatch = Assert.Single(mismatches);
        Assert.StartsWith("feature Site:", mismatch, StringComparison.Ordinal);
    }

    [Fact]
    public void A_command_line_the_cli_refuses_is_reported_with_its_line()
    {
        const string page = "# Example\n\n```sh\n./herald run --json | jq .emailsSent   # parses\n./herald sned\nherald stats --last many\n```\n";

        var refused = DocumentationChecker.UnparsableCommandLines(HeraldCommands.Build(), "example.md", page);

        Assert.Collection(
            refused,
            unknownCommand => Assert.StartsWith("example.md:5: ./herald sned:", unknownCommand, StringComparison.Ordinal),
            wrongValue => Assert.StartsWith("example.md:6: herald stats --last many:", wrongValue, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("## Configuration", "configuration")]
    [InlineData("### `herald subscribers import FILE`", "herald-subscribers-import-file")]
    [InlineData("## What \"exactly once\" means, by transport", "what-exactly-once-means-by-transport")]
    [InlineData("## Sign-up, confirm & unsubscribe", "sign-up-confirm--unsubscribe")]
    public void Anchors_follow_githubs_rules(string heading, string anchor) =>
        Assert.Equal(anchor, Markdown.Slug(heading.TrimStart('#', ' ')));
}
