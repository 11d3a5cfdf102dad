using System.Text;
using Herald.Collecting;
using Herald.Testing;

namespace Herald.Tests.Collecting;

/// <summary>
/// Every file of the feed corpus, broken on purpose in ways hostile or careless servers break feeds — truncated,
/// bytes scrambled, an entity bomb, elements nested a hundred thousand deep, a megabyte attribute, pure noise — and
/// read: each either reads or is refused with a reason (<see cref="FeedRejectedException"/>); no other exception
/// escapes, and none hangs (each reading is given a minute before the test calls it a hang).
/// </summary>
public class FeedFuzzTests(ITestOutputHelper output)
{
    private static readonly Func<string, Random, string>[] Mutations =
    [
        (feed, random) => feed[..random.Next(feed.Length)],
        (feed, random) =>
        {
            var chars = feed.ToCharArray();
            for (var i = 0; i < 12; i++)
            {
                chars[random.Next(chars.Length)] = (char)random.Next(0, 0x3000);
            }

            return new string(chars);
        },
        (feed, random) => feed.Insert(feed.IndexOf('>') + 1, "<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>").Replace("<title>", "<title>&c;&c;&c;", StringComparison.Ordinal),
        (feed, random) => feed.Replace("<title>", "<title>" + string.Concat(Enumerable.Repeat("&amp;lol;&nbsp;&#x10FFFF;&#99999999;&", 20_000)), StringComparison.Ordinal),
        (feed, random) => Insert(feed, random, string.Concat(Enumerable.Repeat("<a>", 100_000)) + string.Concat(Enumerable.Repeat("</a>", 100_000))),
        (feed, random) => Insert(feed, random, "<link href=\"https://x.example/" + new string('a', 1_000_000) + "\" rel=\"" + new string('b', 100_000) + "\"/>"),
        (feed, random) => Insert(feed, random, "<x " + string.Concat(Enumerable.Range(0, 20_000).Select(i => $"a{i}=\"{i}\" ")) + "/>"),
        (feed, random) =>
        {
            var bytes = new byte[random.Next(1, 4096)];
            random.NextBytes(bytes);
            return Encoding.Latin1.GetString(bytes);
        },
        (feed, random) => feed.Replace("<", "<<", StringComparison.Ordinal),
        (feed, random) => "\0\0" + feed + "\0<rss>",
    ];

    [Fact]
    public async Task A_broken_feed_reads_or_is_refused_with_a_reason_and_never_hangs()
    {
        var random = new Random(20261126);
        var files = Directory.GetFiles(RepositoryPaths.Corpus("feeds")).Where(f => !f.EndsWith(".expected.json", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        int read = 0, refused = 0;
        var escaped = new List<string>();
        foreach (var file in files)
        {
            var feed = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
            for (var m = 0; m < Mutations.Length; m++)
            {
                var broken = Mutations[m](feed, random);
                var reading = Task.Run(() => FeedParser.Parse(Encoding.UTF8.GetBytes(broken), new Uri("https://feeds.example/fuzz")), TestContext.Current.CancellationToken);
                if (await Task.WhenAny(reading, Task.Delay(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken)) != reading)
                {
                    escaped.Add($"{Path.GetFileName(file)}, mutation {m}: still reading after a minute");
                    continue;
                }

                try
                {
                    await reading;
                    read++;
                }
                catch (FeedRejectedException)
                {
                    refused++;
                }
                catch (Exception ex)
                {
                    escaped.Add($"{Path.GetFileName(file)}, mutation {m}: {ex.GetType().Name}: {ex.Message}");
                }
            }
        }

        output.WriteLine($"{files.Count} files x {Mutations.Length} mutations: {read} read, {refused} refused with a reason, {escaped.Count} otherwise");
        Assert.Empty(escaped);
    }

    private static string Insert(string feed, Random random, string text)
    {
        var at = feed.IndexOf("<item>", StringComparison.Ordinal) is var item and >= 0 ? item + 6 : feed.IndexOf("<entry>", StringComparison.Ordinal) is var entry and >= 0 ? entry + 7 : random.Next(feed.Length);
        return feed.Insert(at, text);
    }
}
