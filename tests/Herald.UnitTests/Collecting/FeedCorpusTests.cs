using System.Text.Json;
using Herald.Collecting;
using Herald.Testing;

namespace Herald.UnitTests.Collecting;

/// <summary>
/// Herald's feed corpus (tests/Herald.Tests/Corpus/feeds, written by Corpus/make_feeds.py, copied from nowhere): 136
/// files in 17 shapes real feeds take, each beside the items a reader should get. Every file is a golden case: its
/// format, title, and each item's title, link and date (to the second) must be read as expected. Prints, per shape,
/// the files read, the items read right and the dates found.
/// </summary>
public class FeedCorpusTests(ITestOutputHelper output)
{
    public static string Directory => RepositoryPaths.Corpus("feeds");

    private sealed record ExpectedItem(string Title, string Link, DateTimeOffset? Date);

    private sealed record ExpectedFeed(string Format, string Title, List<ExpectedItem> Items);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public void Every_feed_of_the_corpus_reads_as_expected()
    {
        var problems = new List<string>();
        var byShape = new SortedDictionary<string, (int Files, int Read, int Items, int Right, int Dates, int Dated)>(StringComparer.Ordinal);
        foreach (var expectedFile in System.IO.Directory.GetFiles(Directory, "*.expected.json").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(expectedFile)[..^".expected.json".Length];
            var shape = name[..name.LastIndexOf('-')];
            var expected = JsonSerializer.Deserialize<ExpectedFeed>(File.ReadAllText(expectedFile), Json)!;
            var file = System.IO.Directory.GetFiles(Directory, name + ".*").Single(f => !f.EndsWith(".expected.json", StringComparison.Ordinal));
            var counts = byShape.GetValueOrDefault(shape);
            counts.Files++;
            counts.Items += expected.Items.Count;
            counts.Dated += expected.Items.Count(i => i.Date is not null);
            try
            {
                var feed = FeedParser.Parse(File.ReadAllBytes(file), new Uri("https://feeds.example/" + Path.GetFileName(file)));
                counts.Read++;
                if ((feed.Format, feed.Title) != (expected.Format, expected.Title))
                {
                    problems.Add($"{name}: feed {feed.Format} \"{feed.Title}\", expected {expected.Format} \"{expected.Title}\"");
                }

                foreach (var want in expected.Items)
                {
                    var got = feed.Items.FirstOrDefault(i => i.Link.AbsoluteUri == want.Link);
                    if (got is null)
                    {
                        problems.Add($"{name}: no item with link {want.Link} (read: {string.Join(", ", feed.Items.Select(i => i.Link.AbsoluteUri))})");
                        continue;
                    }

                    counts.Right += got.Title == want.Title ? 1 : 0;
                    counts.Dates += want.Date is not null && got.PublishedAt is { } date && Math.Abs((date - want.Date.Value).TotalSeconds) < 1 ? 1 : 0;
                    if (got.Title != want.Title)
                    {
                        problems.Add($"{name}: title \"{got.Title}\", expected \"{want.Title}\"");
                    }

                    if (want.Date is null ? got.PublishedAt is not null : got.PublishedAt is not { } d || Math.Abs((d - want.Date.Value).TotalSeconds) >= 1)
                    {
                        problems.Add($"{name}: {want.Link} dated {got.PublishedAt:O}, expected {want.Date:O}");
                    }
                }

                if (feed.Items.Count != expected.Items.Count)
                {
                    problems.Add($"{name}: {feed.Items.Count} items, expected {expected.Items.Count}");
                }
            }
            catch (Exception ex)
            {
                problems.Add($"{name}: {ex.GetType().Name}: {ex.Message}");
            }

            byShape[shape] = counts;
        }

        output.WriteLine($"{"shape",-16} {"files read",10} {"items right",12} {"dates found",12}");
        foreach (var (shape, c) in byShape)
        {
            output.WriteLine($"{shape,-16} {c.Read,4} of {c.Files,-3} {c.Right,5} of {c.Items,-4} {c.Dates,5} of {c.Dated,-4}");
        }

        var total = byShape.Values.Aggregate((Files: 0, Read: 0, Items: 0, Right: 0, Dates: 0, Dated: 0), (a, c) => (a.Files + c.Files, a.Read + c.Read, a.Items + c.Items, a.Right + c.Right, a.Dates + c.Dates, a.Dated + c.Dated));
        output.WriteLine($"{"all",-16} {total.Read,4} of {total.Files,-3} {total.Right,5} of {total.Items,-4} {total.Dates,5} of {total.Dated,-4}");
        foreach (var problem in problems.Take(40))
        {
            output.WriteLine("  " + problem);
        }

        Assert.True(total.Files >= 100, $"{total.Files} feed files");
        Assert.Empty(problems);
    }
}
