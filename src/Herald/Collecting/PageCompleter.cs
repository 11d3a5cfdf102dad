using System.Diagnostics;
using Herald.Collecting.Fetching;
using Herald.Configuration;
using Herald.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Herald.Collecting;

/// <summary>
/// An item as a draft article: the feed's text, or the article page's when the feed has only a teaser (fewer than
/// Collecting:TeaserWords words). An extraction that comes out empty or shorter than the feed's own text is a failure:
/// logged, counted, and the feed's text kept; a page that cannot be had keeps the teaser.
/// </summary>
public sealed class PageCompleter(WebFetcher web, IOptions<CollectingOptions> options, ILogger<PageCompleter> logger)
{
    public async Task<(ArticleDraft Draft, bool Page, bool FellShort)> DraftAsync(FeedSourceOptions source, ParsedItem item, CollectTimings timings, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var watch = Stopwatch.StartNew();
        var draft = ArticleDraft.FromFeed(item);
        var (pageFetched, fellShort) = (false, false);
        if (source.FetchFullText && source.Url is not null && !item.LinkIsSite && Words.Count(draft.Text) < settings.TeaserWords)
        {
            try
            {
                var sourceAuthority = new Uri(source.Url).Authority;
                var page = await web.FetchAsync(new FetchRequest(item.Link, settings.MaxPageBytes, source.AllowPrivateNetwork && item.Link.Authority == sourceAuthority, AllowOwnPort: item.Link.Authority == sourceAuthority), cancellationToken);
                timings.AddPage(watch.Elapsed);
                watch.Restart();
                var extracted = PageExtractor.Extract(TextDecoding.Decode(page.Content, page.Charset), page.FinalUrl);
                if (Words.Count(extracted.Text) < Math.Max(1, Words.Count(draft.Text)))
                {
                    fellShort = true;
                    logger.LogWarning("Extraction of {Url} from {Feed} came out with {PageWords} words, fewer than the feed's {FeedWords}; kept the feed's text", item.Link, source.Name, Words.Count(extracted.Text), Words.Count(draft.Text));
                }

                draft = draft.WithPage(extracted, page.FinalUrl);
                pageFetched = true;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not OutOfMemoryException)
            {
                logger.LogWarning("Kept the feed's teaser for {Url} from {Feed}: {Reason}", item.Link, source.Name, FetchFailures.Describe(ex));
            }
        }

        timings.AddExtract(watch.Elapsed);
        return (draft, pageFetched, fellShort);
    }
}
