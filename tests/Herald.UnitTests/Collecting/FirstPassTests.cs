using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Herald.Collecting;
using Herald.Testing;

namespace Herald.UnitTests.Collecting;

/// <summary>
/// Boilerplate is removed once before the extractor runs (while class names still say what a block is), and that
/// pass must only take away: if it changed which block the extractor picks, a larger container could come in with
/// media captions, how-to boxes or comment headings. Over every page of both page sets, each paragraph the extractor
/// returns after the first pass must be one it returns without it, or the article's own (from the expected text).
/// </summary>
public class FirstPassTests(ITestOutputHelper output)
{
    private static readonly HtmlParser Parser = new(new HtmlParserOptions { IsScripting = false });

    public static TheoryData<string> AllPages()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(RepositoryPaths.Golden("extraction", ""), "*.html").Concat(Directory.GetFiles(PageCorpusDirectory, "*.html")).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(RepositoryPaths.Root, file));
        }

        return data;
    }

    private static string PageCorpusDirectory => RepositoryPaths.Corpus("pages");

    [Theory]
    [MemberData(nameof(AllPages))]
    public void The_first_pass_never_brings_in_a_paragraph_the_extractor_would_not_have_picked(string page)
    {
        var html = File.ReadAllText(Path.Combine(RepositoryPaths.Root, page));
        var match = Regex.Match(html, @"fetched from (\S+) -->");
        var url = match.Success ? match.Groups[1].Value : "https://pages.example/story";

        var without = Paragraphs(html, url, firstPass: false);
        var with = Paragraphs(html, url, firstPass: true);

        var expected = File.ReadAllText(Path.ChangeExtension(Path.Combine(RepositoryPaths.Root, page), null) + ".expected.txt").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);

        // Brought in is allowed only for the article's own text: the pass keeps a captioned figure whatever its wrapper
        // is called, which the extractor alone drops. Anything else brought in means the pick changed.
        var added = with.Where(p => !without.Contains(p)).ToList();
        var foreign = added.Where(p => !expected.Contains(p)).ToList();
        output.WriteLine($"{with.Count} paragraphs with the first pass, {without.Count} without; {without.Count(p => !with.Contains(p))} taken away, {added.Count} brought in ({added.Count - foreign.Count} of them the article's own)");
        Assert.True(foreign.Count == 0, "brought in by the first pass, not the article's: " + string.Join(" / ", foreign));
        Assert.NotEmpty(with);
    }

    /// <summary>What the extractor returns for the page, as Herald prepares it, with or without the boilerplate pass.</summary>
    private static HashSet<string> Paragraphs(string html, string url, bool firstPass)
    {
        using var document = Parser.ParseDocument(html);
        HiddenContinuation.Reveal(document.Body!);
        if (firstPass)
        {
            Boilerplate.Remove(document.Body!);
        }

        var article = new SmartReader.Reader(url, document.DocumentElement.OuterHtml) { Debug = false, DisableJSONLD = false }.GetArticle();
        return [.. HtmlText.ToText(article.Content).Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }
}
