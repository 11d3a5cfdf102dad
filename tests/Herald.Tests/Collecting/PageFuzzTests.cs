using System.Text;
using Herald.Collecting;
using Herald.Testing;

namespace Herald.Tests.Collecting;

/// <summary>
/// Every page of the page corpus, broken on purpose — truncated, characters scrambled, elements nested a hundred
/// thousand deep, a megabyte attribute, twenty thousand attributes, pure noise, unclosed tags, tables two thousand
/// deep — and extracted: each gives text (perhaps none, which the collector counts and answers with the feed's
/// text) or is refused with a reason (<see cref="PageRejectedException"/>: nested too deep); no other exception
/// escapes, and none hangs (each is given a minute before the test calls it a hang).
/// </summary>
public class PageFuzzTests(ITestOutputHelper output)
{
    private static readonly Func<string, Random, string>[] Mutations =
    [
        (page, random) => page[..random.Next(page.Length)],
        (page, random) =>
        {
            var chars = page.ToCharArray();
            for (var i = 0; i < 20; i++)
            {
                chars[random.Next(chars.Length)] = (char)random.Next(0, 0x3000);
            }

            return new string(chars);
        },
        (page, random) => page.Replace("<body>", "<body>" + string.Concat(Enumerable.Repeat("<div>", 100_000)), StringComparison.Ordinal),
        (page, random) => page.Replace("<p>", "<p><span title=\"" + new string('x', 1_000_000) + "\">", StringComparison.Ordinal),
        (page, random) => page.Replace("<p>", "<p " + string.Concat(Enumerable.Range(0, 20_000).Select(i => $"a{i}=\"{i}\" ")) + ">", StringComparison.Ordinal),
        (page, random) =>
        {
            var bytes = new byte[random.Next(1, 8192)];
            random.NextBytes(bytes);
            return Encoding.Latin1.GetString(bytes);
        },
        (page, random) => page.Replace("</", "<", StringComparison.Ordinal),
        (page, random) => page.Replace("<p>", string.Concat(Enumerable.Repeat("<table><tr><td>", 2_000)), StringComparison.Ordinal),
    ];

    [Fact]
    public async Task A_broken_page_gives_text_or_a_reason_and_never_hangs()
    {
        var random = new Random(20261126);
        var pages = Directory.GetFiles(RepositoryPaths.Corpus("pages"), "*.html").Order(StringComparer.Ordinal).Take(11).ToList();
        int read = 0, refused = 0;
        var escaped = new List<string>();
        foreach (var file in pages)
        {
            var page = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
            for (var m = 0; m < Mutations.Length; m++)
            {
                var broken = Mutations[m](page, random);
                var reading = Task.Run(() => PageExtractor.Extract(broken, new Uri("https://pages.example/fuzz")), TestContext.Current.CancellationToken);
                if (await Task.WhenAny(reading, Task.Delay(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken)) != reading)
                {
                    escaped.Add($"{Path.GetFileName(file)}, mutation {m}: still extracting after a minute");
                    continue;
                }

                try
                {
                    await reading;
                    read++;
                }
                catch (PageRejectedException)
                {
                    refused++;
                }
                catch (Exception ex)
                {
                    escaped.Add($"{Path.GetFileName(file)}, mutation {m}: {ex.GetType().Name}: {ex.Message}");
                }
            }
        }

        output.WriteLine($"{pages.Count} pages x {Mutations.Length} mutations: {read} extracted, {refused} refused with a reason, {escaped.Count} otherwise");
        Assert.Empty(escaped);
    }
}
