using System.Text.RegularExpressions;
using Herald.Collecting;
using Herald.Testing;

namespace Herald.UnitTests.Collecting;

/// <summary>
/// The golden extraction pages scored as a measure, not only diffed: token F1 of the extracted text against the
/// expected text (lowercased word tokens, counted with multiplicity), per page and on average, so a change to
/// extraction can be compared before and after on the same pages.
/// </summary>
public partial class ExtractionScoreTests(ITestOutputHelper output)
{
    [Fact]
    public void Token_f1_of_every_golden_page()
    {
        var scores = new List<double>();
        foreach (var page in PageExtractionTests.Pages.Select(p => (string)p.Data))
        {
            var html = File.ReadAllText(RepositoryPaths.Golden("extraction", page + ".html"));
            var url = new Uri(Regex.Match(html, @"fetched from (\S+)").Groups[1].Value);
            var expected = File.ReadAllText(RepositoryPaths.Golden("extraction", page + ".expected.txt"));
            var f1 = TokenF1(PageExtractor.Extract(html, url).Text, expected);
            scores.Add(f1);
            output.WriteLine($"{page,-36} token F1 {f1:F3}");
        }

        output.WriteLine($"{scores.Count} pages, mean token F1 {scores.Average():F3}, lowest {scores.Min():F3}");
        Assert.All(scores, f1 => Assert.Equal(1.0, f1, 3));
    }

    public static double TokenF1(string actual, string expected)
    {
        var got = Tokens(actual).GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count());
        var want = Tokens(expected).GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count());
        var overlap = got.Sum(g => Math.Min(g.Value, want.GetValueOrDefault(g.Key)));
        var (p, r) = (got.Values.Sum() == 0 ? 0 : (double)overlap / got.Values.Sum(), want.Values.Sum() == 0 ? 0 : (double)overlap / want.Values.Sum());
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    private static IEnumerable<string> Tokens(string text) => Word().Matches(text.ToLowerInvariant()).Select(m => m.Value);

    [GeneratedRegex(@"\w+")]
    private static partial Regex Word();
}
