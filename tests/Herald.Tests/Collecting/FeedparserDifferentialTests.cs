using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Herald.Collecting;
using Herald.Testing;

namespace Herald.Tests.Collecting;

/// <summary>
/// Herald's reading of its feed corpus beside Debian's python3-feedparser (the reference liberal parser; ./test.sh
/// installs it): every item either agrees — same link, same date to the second, same title as text — or differs in
/// one of the ways listed here, each explained. Anything else fails. feedparser 6.0 does not read JSON Feed, so the
/// corpus's JSON files are checked by their golden expectations only.
/// </summary>
public partial class FeedparserDifferentialTests(ITestOutputHelper output)
{
    private const string Python = "/usr/bin/python3";

    /// <summary>The differences by design, and why.</summary>
    private static readonly Dictionary<string, string> Explained = new(StringComparer.Ordinal)
    {
        ["no link"] = "feedparser keeps an item whose only guid is not a permalink, with no link; Herald keeps such an item only when it has text of its own (then pointing to the feed's site, and stored only if the text is the whole article), and these have none",
        ["id as link"] = "feedparser takes an Atom entry's id as its link when the entry's only link is rel=self; Herald takes neither an id nor a self link for the article",
    };

    private sealed record Item(string? Title, string? Link, DateTimeOffset? Date);

    private sealed record Reading(bool Bozo, string? Title, List<Item> Items);

    [Fact]
    public void Herald_reads_the_corpus_as_feedparser_does_or_the_difference_is_explained()
    {
        if (!FeedparserInstalled())
        {
            Assert.Skip("Debian's python3-feedparser is not installed (./test.sh installs it: apt-get install python3-feedparser).");
        }

        var reference = RunFeedparser();
        int agreed = 0, dates = 0, titles = 0;
        var explained = new Dictionary<string, int>(StringComparer.Ordinal);
        var unexplained = new List<string>();
        foreach (var (file, theirs) in reference)
        {
            var path = Path.Combine(RepositoryPaths.Corpus("feeds"), file);
            var ours = FeedParser.Parse(File.ReadAllBytes(path), new Uri("https://feeds.example/" + file)).Items;
            var raw = File.ReadAllText(path);
            foreach (var item in theirs.Items)
            {
                var mine = ours.FirstOrDefault(i => item.Link is not null && i.Link.AbsoluteUri == new Uri(item.Link).AbsoluteUri);
                if (mine is null)
                {
                    var why = item.Link is null ? "no link" : raw.Contains("<id>" + item.Link + "</id>", StringComparison.Ordinal) ? "id as link" : null;
                    if (why is null)
                    {
                        unexplained.Add($"{file}: feedparser read {item.Link}, Herald did not");
                    }
                    else
                    {
                        explained[why] = explained.GetValueOrDefault(why) + 1;
                    }

                    continue;
                }

                agreed++;
                if (mine.PublishedAt is { } d ? item.Date is { } t && Math.Abs((d - t).TotalSeconds) < 1 : item.Date is null)
                {
                    dates++;
                }
                else
                {
                    unexplained.Add($"{file}: {item.Link} dated {mine.PublishedAt:O} by Herald, {item.Date:O} by feedparser");
                }

                if (AsText(item.Title) == AsText(mine.Title))
                {
                    titles++;
                }
                else
                {
                    unexplained.Add($"{file}: title \"{mine.Title}\" by Herald, \"{item.Title}\" by feedparser");
                }
            }

            foreach (var extra in ours.Where(o => theirs.Items.All(t => t.Link is null || new Uri(t.Link).AbsoluteUri != o.Link.AbsoluteUri)))
            {
                unexplained.Add($"{file}: Herald read {extra.Link}, feedparser did not");
            }
        }

        var items = reference.Values.Sum(r => r.Items.Count);
        output.WriteLine($"{reference.Count} XML feed files, {items} items read by feedparser: {agreed} also read by Herald, dates agree on {dates}, titles on {titles}");
        foreach (var (why, count) in explained)
        {
            output.WriteLine($"  {count} x {why}: {Explained[why]}");
        }

        foreach (var problem in unexplained.Take(30))
        {
            output.WriteLine("  unexplained: " + problem);
        }

        Assert.True(reference.Count >= 100, $"{reference.Count} XML files");
        Assert.Empty(unexplained);
    }

    /// <summary>A title as a reader sees it: markup and entities gone, white space collapsed.</summary>
    private static string AsText(string? title) =>
        Spaces().Replace(WebUtility.HtmlDecode(Tags().Replace(title ?? "", "")).Replace('\u00A0', ' '), " ").Trim();

    private static bool FeedparserInstalled()
    {
        if (!File.Exists(Python))
        {
            return false;
        }

        using var check = Process.Start(new ProcessStartInfo(Python, ["-c", "import feedparser"]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        check.WaitForExit(30_000);
        return check.ExitCode == 0;
    }

    private static Dictionary<string, Reading> RunFeedparser()
    {
        var script = RepositoryPaths.Corpus("feedparser_read.py");
        using var process = Process.Start(new ProcessStartInfo(Python, [script, RepositoryPaths.Corpus("feeds")]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var json = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(120_000), "feedparser took more than two minutes");
        Assert.True(process.ExitCode == 0, "feedparser failed: " + errors.Result);
        return JsonSerializer.Deserialize<Dictionary<string, Reading>>(json.Result, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
