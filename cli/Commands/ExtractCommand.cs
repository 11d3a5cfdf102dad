using System.CommandLine;
using Herald.Articles;
using Herald.Collecting;
using Herald.Collecting.Fetching;
using Herald.Summarizing;
using Herald.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Herald.Cli.Commands;

/// <summary>"herald extract": what Herald makes of one page, as JSON, so an operator can see why an article looks wrong.</summary>
public static class ExtractCommand
{

    public static Command Build(Func<ParseResult, Func<IHost, Task<int>>, CancellationToken, bool, Task<int>> session)
    {
        var target = new Argument<string>("url-or-file") { Description = "An http(s) address, or a saved HTML file." };
        var baseUrl = new Option<string?>("--url") { Description = "For a file: the address it was saved from (resolves relative links and the canonical address)." };
        var allowPrivate = new Option<bool>("--allow-private") { Description = "Allow a loopback or private address (a local test server)." };
        var command = new Command("extract", "Print what Herald extracts from one article page as JSON: title, canonical URL, published time, tags, clean text and summary.") { target, baseUrl, allowPrivate };
        command.SetAction((parse, ct) => session(parse, async host =>
        {
            var input = parse.GetValue(target)!;
            string html;
            Uri url;
            if (Uri.TryCreate(input, UriKind.Absolute, out var address) && address.Scheme is "http" or "https")
            {
                var limits = host.Services.GetRequiredService<IOptions<CollectingOptions>>().Value;
                var page = await host.Services.GetRequiredService<WebFetcher>().FetchAsync(new FetchRequest(address, limits.MaxPageBytes, parse.GetValue(allowPrivate), AllowOwnPort: true), ct);
                (html, url) = (TextDecoding.Decode(page.Content, page.Charset), page.FinalUrl);
            }
            else if (File.Exists(input))
            {
                html = TextDecoding.Decode(await File.ReadAllBytesAsync(input, ct), null);
                url = new Uri(parse.GetValue(baseUrl) ?? new Uri(Path.GetFullPath(input)).AbsoluteUri.Replace("file:///", "https://local.file/", StringComparison.Ordinal));
            }
            else
            {
                await Console.Error.WriteLineAsync($"'{input}' is neither an http(s) address nor a file.");
                return 2;
            }

            var extracted = PageExtractor.Extract(html, url);
            var canonical = extracted.CanonicalUrl ?? new Uri(CanonicalUrl.Normalize(url));
            var tags = host.Services.GetRequiredService<Tagger>().Tag([], [], extracted.Title, extracted.Text);
            var article = new Article
            {
                Id = CanonicalUrl.IdOf(canonical.AbsoluteUri),
                Url = url.AbsoluteUri,
                CanonicalUrl = canonical.AbsoluteUri,
                Title = extracted.Title,
                Author = extracted.Byline,
                PublishedAt = extracted.PublishedAt,
                CollectedAt = host.Services.GetRequiredService<TimeProvider>().GetUtcNow(),
                Source = url.Host,
                Text = extracted.Text,
                Tags = tags,
            };
            var summary = ExtractiveSummarizer.Summarize(article, article.CollectedAt);
            CliJson.Write(
                new
                {
                    article.Id,
                    article.Title,
                    article.CanonicalUrl,
                    article.Url,
                    published = article.PublishedAt,
                    byline = article.Author,
                    image = extracted.ImageUrl,
                    tags,
                    words = Words.Count(extracted.Text),
                    summary = new { summary.Dek, summary.Short, summary.Method },
                    text = extracted.Text,
                });
            return 0;
        }, ct, false));
        return command;
    }
}
