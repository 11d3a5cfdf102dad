using System.Text.RegularExpressions;
using Herald.Collecting;
using Herald.Testing;

namespace Herald.UnitTests.Collecting;

/// <summary>
/// Herald's page corpus (tests/Herald.Tests/Corpus/pages, written by Corpus/make_pages.py, copied from nowhere): 36
/// article pages in 12 shapes, each beside the text a reader should get. Scored by token F1 against the expected text,
/// per page and per shape; every page must score at least <see cref="Floor"/>, and the shapes Herald is known to
/// handle must be read exactly.
/// </summary>
public partial class PageCorpusTests(ITestOutputHelper output)
{
    /// <summary>No page of the corpus may lose more than this much of its text (or gain that much noise).</summary>
    private const double Floor = 0.9;

    private static string Directory => RepositoryPaths.Corpus("pages");

    [Fact]
    public void Every_page_of_the_corpus_reads_as_expected()
    {
        var byShape = new SortedDictionary<string, List<double>>(StringComparer.Ordinal);
        var low = new List<string>();
        foreach (var page in System.IO.Directory.GetFiles(Directory, "*.html").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(page);
            var html = File.ReadAllText(page);
            var url = new Uri(Regex.Match(html, @"fetched from (\S+)").Groups[1].Value);
            var extracted = PageExtractor.Extract(html, url).Text;
            var f1 = ExtractionScoreTests.TokenF1(extracted, File.ReadAllText(Path.ChangeExtension(page, null) + ".expected.txt"));
            var shape = name[..name.LastIndexOf('-')];
            (byShape.TryGetValue(shape, out var list) ? list : byShape[shape] = []).Add(f1);
            if (f1 < 1)
            {
                low.Add($"{name}: token F1 {f1:F3}\n    got: {extracted.Replace("\n\n", " / ", StringComparison.Ordinal)}");
            }
        }

        foreach (var (shape, scores) in byShape)
        {
            output.WriteLine($"{shape,-20} {scores.Count} pages, mean token F1 {scores.Average():F3}, lowest {scores.Min():F3}");
        }

        var all = byShape.Values.SelectMany(s => s).ToList();
        output.WriteLine($"{"all",-20} {all.Count} pages, mean token F1 {all.Average():F3}");
        foreach (var line in low)
        {
            output.WriteLine("  " + line);
        }

        Assert.True(all.Count >= 30, $"{all.Count} pages");
        Assert.All(all, f1 => Assert.True(f1 >= Floor, $"token F1 {f1:F3}"));
    }
}
