using System.Text;
using Herald.Articles;
using Herald.Collecting;
using Herald.Storage;
using Herald.Testing;
using Microsoft.AspNetCore.Http;

namespace Herald.Tests.Collecting;

/// <summary>Collecting against a real local web server and real Azurite: the web at its worst, one source at a time.</summary>
public class CollectingTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_unchanged_feed_costs_one_304_even_after_a_restart()
    {
        await using var server = await TestWebServer.StartAsync();
        var feed = TestFeeds.Rss("Wire", new TestFeeds.Item("Senate passes bill", server.Url("/story-1").AbsoluteUri, TestFeeds.Story(1), "US Politics"));
        server.Map("/etag.xml", async context =>
        {
            if (context.Request.Headers.IfNoneMatch == "\"v1\"")
            {
                context.Response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }

            context.Response.Headers.ETag = "\"v1\"";
            context.Response.ContentType = "application/rss+xml";
            await context.Response.WriteAsync(feed);
        });
        var config = CollectingConfig.Write([Source("Wire", server.Url("/etag.xml"))]);
        var prefix = AzuriteFixture.UniquePrefix();

        CollectReport first, second;
        await using (var herald = await TestHerald.StartAsync(azurite, configFile: config, prefix: prefix, realTime: true))
        {
            first = await herald.Get<ArticleCollector>().CollectAsync(Ct);
        }

        await using (var restarted = await TestHerald.StartAsync(azurite, configFile: config, prefix: prefix, realTime: true))
        {
            second = await restarted.Get<ArticleCollector>().CollectAsync(Ct);
        }

        Assert.Equal((1, 0), (first.NewArticles, first.UnchangedSources));
        Assert.Equal((0, 1, 0), (second.NewArticles, second.UnchangedSources, second.FailedSources));
        Assert.Equal(2, server.RequestsTo("/etag.xml"));
    }

    [Fact]
    public async Task A_feed_that_times_out_a_malformed_one_and_a_billion_laughs_do_not_stop_the_good_one()
    {
        await using var server = await TestWebServer.StartAsync();
        server.Map("/slow.xml", async context => await Task.Delay(TimeSpan.FromMinutes(2), context.RequestAborted));
        server.MapText("/broken.xml", "application/rss+xml", "<rss version=\"2.0\"><channel><title>Broken</title><item><title>Half");
        server.MapText("/laughs.xml", "application/rss+xml", """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">]>
            <rss version="2.0"><channel><title>&lol2;</title><item><title>&lol2;</title><link>https://example.com/x</link></item></channel></rss>
            """);
        server.MapText("/good.xml", "application/rss+xml", TestFeeds.Rss("Good", new TestFeeds.Item("Senate passes bill", server.Url("/story-1").AbsoluteUri, TestFeeds.Story(1), "US Politics")));
        var config = CollectingConfig.Write([Source("Slow", server.Url("/slow.xml")), Source("Broken", server.Url("/broken.xml")), Source("Laughs", server.Url("/laughs.xml")), Source("Good", server.Url("/good.xml"))]);
        await using var herald = await TestHerald.StartAsync(azurite, configFile: config, realTime: true);

        var report = await herald.Get<ArticleCollector>().CollectAsync(Ct);

        Assert.Equal((4, 3, 1), (report.Sources, report.FailedSources, report.NewArticles));
        var states = await ReadStatesAsync(herald);
        TestContext.Current.TestOutputHelper!.WriteLine(string.Join("\n", states.Select(s => $"{s.Source}: {s.LastError}")));
        Assert.Contains(states, s => s.Source.EndsWith("/slow.xml", StringComparison.Ordinal) && s.LastError == "no answer in time.");
        Assert.Contains(states, s => s.Source.EndsWith("/broken.xml", StringComparison.Ordinal) && s.LastError!.StartsWith("malformed XML", StringComparison.Ordinal));
        Assert.Contains(states, s => s.Source.EndsWith("/laughs.xml", StringComparison.Ordinal) && s.LastError!.Contains("DTD", StringComparison.Ordinal));
        Assert.All(states.Where(s => s.LastError is not null), s => Assert.Equal(1, s.ConsecutiveFailures));
    }

    [Fact]
    public async Task A_failed_source_is_tried_again_by_the_next_run()
    {
        await using var server = await TestWebServer.StartAsync();
        var healthy = false;
        server.Map("/flaky.xml", async context =>
        {
            if (!healthy)
            {
                context.Response.StatusCode = 500;
                return;
            }

            context.Response.ContentType = "application/rss+xml";
            await context.Response.WriteAsync(TestFeeds.Rss("Flaky", new TestFeeds.Item("Senate passes bill", server.Url("/story-1").AbsoluteUri, TestFeeds.Story(1))));
        });
        await using var herald = await TestHerald.StartAsync(azurite, configFile: CollectingConfig.Write([Source("Flaky", server.Url("/flaky.xml"))]), realTime: true);

        var broken = await herald.Get<ArticleCollector>().CollectAsync(Ct);
        healthy = true;
        var recovered = await herald.Get<ArticleCollector>().CollectAsync(Ct);

        Assert.Equal((1, 0), (broken.FailedSources, broken.NewArticles));
        Assert.Equal((0, 1), (recovered.FailedSources, recovered.NewArticles));
    }

    [Fact]
    public async Task A_50_MB_page_is_refused_and_the_teaser_kept()
    {
        await using var server = await TestWebServer.StartAsync();
        long sent = 0;
        server.Map("/huge.html", async context =>
        {
            context.Response.ContentType = "text/html";
            var chunk = Encoding.UTF8.GetBytes("<p>" + new string('x', 65_000) + "</p>");
            for (var i = 0; i < 50 * 1024 * 1024 / chunk.Length && !context.RequestAborted.IsCancellationRequested; i++)
            {
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
                Interlocked.Add(ref sent, chunk.Length);
            }
        });
        server.MapText("/feed.xml", "application/rss+xml", TestFeeds.Rss("Wire", new TestFeeds.Item("Senate passes bill", server.Url("/huge.html").AbsoluteUri, "<p>The Senate passed the stopgap bill on Tuesday.</p>", "US Politics")));
        await using var herald = await TestHerald.StartAsync(azurite, configFile: CollectingConfig.Write([Source("Wire", server.Url("/feed.xml"))]), realTime: true);

        var report = await herald.Get<ArticleCollector>().CollectAsync(Ct);

        Assert.Equal((0, 1, 0), (report.FailedSources, report.NewArticles, report.PagesFetched));
        var article = await SingleArticleAsync(herald);
        Assert.Equal("The Senate passed the stopgap bill on Tuesday.", article.Text);
        Assert.True(Interlocked.Read(ref sent) < 50L * 1024 * 1024, "the reader stopped before the whole 50 MB was sent");
    }

    [Theory]
    [InlineData("iso-8859-1", true)]
    [InlineData("utf-8", false)]
    public async Task A_wrongly_declared_charset_is_read_right(string declared, bool bytesAreUtf8)
    {
        await using var server = await TestWebServer.StartAsync();
        const string title = "Señor Núñez’s café — “a deal”";
        var xml = TestFeeds.Rss("Wire", new TestFeeds.Item(title, server.Url("/s").AbsoluteUri, TestFeeds.Story(3)))
            .Replace("encoding=\"utf-8\"", $"encoding=\"{declared}\"", StringComparison.Ordinal);
        var bytes = bytesAreUtf8 ? Encoding.UTF8.GetBytes(xml) : CodePages(1252).GetBytes(xml);
        server.MapBytes("/feed.xml", $"application/rss+xml; charset={declared}", bytes);
        await using var herald = await TestHerald.StartAsync(azurite, configFile: CollectingConfig.Write([Source("Wire", server.Url("/feed.xml"))]), realTime: true);

        await herald.Get<ArticleCollector>().CollectAsync(Ct);

        Assert.Equal(title, (await SingleArticleAsync(herald)).Title);
    }

    [Fact]
    public async Task A_redirect_to_a_private_address_is_refused_even_from_an_allowed_source()
    {
        await using var server = await TestWebServer.StartAsync();
        server.Map("/moved.xml", context =>
        {
            context.Response.Redirect(server.Url("/internal.xml").AbsoluteUri); // localhost -> 127.0.0.1: another host
            return Task.CompletedTask;
        });
        server.Map("/to-file.xml", context =>
        {
            context.Response.Redirect("file:///etc/passwd");
            return Task.CompletedTask;
        });
        server.MapText("/internal.xml", "application/rss+xml", TestFeeds.Rss("Internal", new TestFeeds.Item("Secret", "https://example.com/secret", TestFeeds.Story(9))));
        var config = CollectingConfig.Write(
        [
            Source("Moved", new Uri(server.LocalhostUrl, "moved.xml"), allowPrivate: true),
            Source("To file", new Uri(server.LocalhostUrl, "to-file.xml"), allowPrivate: true),
            Source("Not allowed", server.Url("/internal.xml"), allowPrivate: false),
        ]);
        await using var herald = await TestHerald.StartAsync(azurite, configFile: config, realTime: true);

        var report = await herald.Get<ArticleCollector>().CollectAsync(Ct);

        Assert.Equal((3, 0), (report.FailedSources, report.NewArticles));
        Assert.Equal(0, server.RequestsTo("/internal.xml"));
        var states = await ReadStatesAsync(herald);
        Assert.All(states, s => Assert.NotNull(s.LastError));
        Assert.Contains(states, s => s.LastError!.Contains("private address", StringComparison.Ordinal));
        Assert.Contains(states, s => s.LastError!.Contains("only http(s)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_syndicated_copy_under_another_address_is_stored_once_with_both_sources()
    {
        await using var server = await TestWebServer.StartAsync();
        var text = TestFeeds.Story(7);
        server.MapText("/wire/senate-deal", "text/html", TestFeeds.Page("Senate strikes deal", text));
        server.MapText("/partner/politics/deal-reached", "text/html", TestFeeds.Page("Deal reached in Senate talks", text + " This article was first published by Capitol Wire."));
        server.MapText("/wire.xml", "application/rss+xml", TestFeeds.Rss("Wire", new TestFeeds.Item("Senate strikes deal", server.Url("/wire/senate-deal").AbsoluteUri, "<p>Teaser.</p>", "US Politics")));
        server.MapText("/partner.xml", "application/rss+xml", TestFeeds.Rss("Partner", new TestFeeds.Item("Deal reached in Senate talks", server.Url("/partner/politics/deal-reached?utm_source=rss").AbsoluteUri, "<p>Teaser.</p>", "Politics")));
        var config = CollectingConfig.Write([Source("Capitol Wire", server.Url("/wire.xml"), allowPrivate: true), Source("Partner Daily", server.Url("/partner.xml"), allowPrivate: true)]);
        await using var herald = await TestHerald.StartAsync(azurite, configFile: config, realTime: true);

        var report = await herald.Get<ArticleCollector>().CollectAsync(Ct);

        Assert.Equal((1, 1, 2), (report.NewArticles, report.NearDuplicates, report.PagesFetched));
        var article = await SingleArticleAsync(herald);
        Assert.Equal(["Capitol Wire", "Partner Daily"], article.Sources.Select(s => s.Name).Order(StringComparer.Ordinal));
        Assert.Contains(article.Sources, s => s.Url.Contains("/partner/politics/deal-reached", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_teaser_is_completed_from_the_page_without_its_boilerplate()
    {
        await using var server = await TestWebServer.StartAsync();
        var text = TestFeeds.Story(4);
        server.MapText("/story", "text/html", TestFeeds.Page(
            "Senate strikes deal",
            text,
            canonical: server.Url("/politics/senate-strikes-deal/?utm_source=twitter&utm_medium=social").AbsoluteUri,
            noise: "<p>- Advertisement -</p><p>Source link</p><div class=\"share-buttons\"><a href=\"#\">Share</a></div><p>Sign up for our daily newsletter to get the latest politics news in your inbox.</p>"));
        server.MapText("/feed.xml", "application/rss+xml", TestFeeds.Rss("Wire", new TestFeeds.Item("Senate strikes deal", server.Url("/story").AbsoluteUri, "<p>Senators debated the bill.</p>", "US Politics")));
        await using var herald = await TestHerald.StartAsync(azurite, configFile: CollectingConfig.Write([Source("Wire", server.Url("/feed.xml"), allowPrivate: true)]), realTime: true);

        await herald.Get<ArticleCollector>().CollectAsync(Ct);

        var article = await SingleArticleAsync(herald);
        Assert.Equal(server.Url("/politics/senate-strikes-deal").AbsoluteUri, article.CanonicalUrl);
        Assert.Equal(text, article.Text);
        Assert.DoesNotContain("Advertisement", article.Html!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_line_a_site_repeats_under_its_stories_is_taken_out_in_this_run_and_the_next()
    {
        const string standing = "Capitol Wire is an independent newsroom covering Congress and the courts. Tips: tips@capitolwire.example";
        await using var server = await TestWebServer.StartAsync();
        TestFeeds.Item Item(int n) => new($"Story {n}", server.Url($"/{n}").AbsoluteUri, $"<p>{TestFeeds.Story(n)}</p><p>{standing}</p>", "US Politics");
        server.MapText("/feed.xml", "application/rss+xml", TestFeeds.Rss("Wire", Item(1), Item(2), Item(3)));
        var config = CollectingConfig.Write([Source("Wire", server.Url("/feed.xml"))]);
        var prefix = AzuriteFixture.UniquePrefix();
        await using (var herald = await TestHerald.StartAsync(azurite, configFile: config, prefix: prefix, realTime: true))
        {
            await herald.Get<ArticleCollector>().CollectAsync(Ct);
            Assert.All(await AllArticlesAsync(herald), a => Assert.DoesNotContain("independent newsroom", a.Text, StringComparison.Ordinal));
        }

        server.MapText("/feed.xml", "application/rss+xml", TestFeeds.Rss("Wire", Item(4), Item(1), Item(2), Item(3)));
        await using var restarted = await TestHerald.StartAsync(azurite, configFile: config, prefix: prefix, realTime: true);

        Assert.Equal(1, (await restarted.Get<ArticleCollector>().CollectAsync(Ct)).NewArticles);

        var fourth = (await AllArticlesAsync(restarted)).Single(a => a.Title == "Story 4");
        Assert.Equal(TestFeeds.Story(4), fourth.Text); // one page alone, but the site's line is remembered
    }

    [Fact]
    public async Task An_extraction_shorter_than_the_feeds_teaser_is_counted_and_the_teaser_kept()
    {
        const string teaser = "Senate leaders reached a deal on Tuesday to keep the government open into February, with a vote expected on Thursday.";
        await using var server = await TestWebServer.StartAsync();
        server.MapText("/story", "text/html", "<html><body><nav><a href=\"/\">Home</a></nav><div class=\"sidebar\"><a href=\"/a\">Other story</a></div></body></html>");
        server.MapText("/feed.xml", "application/rss+xml", TestFeeds.Rss("Wire", new TestFeeds.Item("Senate strikes deal", server.Url("/story").AbsoluteUri, $"<p>{teaser}</p>", "US Politics")));
        await using var herald = await TestHerald.StartAsync(azurite, configFile: CollectingConfig.Write([Source("Wire", server.Url("/feed.xml"), allowPrivate: true)]), realTime: true);

        var report = await herald.Get<ArticleCollector>().CollectAsync(Ct);

        Assert.Equal((1, 1, 1), (report.NewArticles, report.PagesFetched, report.ShortExtractions));
        Assert.Equal(teaser, (await SingleArticleAsync(herald)).Text);
    }

    [Fact]
    public async Task An_item_with_no_link_is_kept_pointing_to_the_site_when_the_feed_carries_the_whole_article_and_left_out_when_a_teaser()
    {
        await using var server = await TestWebServer.StartAsync();
        var feed = $"""
            <rss version="2.0"><channel><title>Notes</title><link>{server.Url("/")}</link>
              <item><title>Senate note</title><guid isPermaLink="false">note-1</guid><category>US Politics</category><description>{System.Net.WebUtility.HtmlEncode(TestFeeds.Story(1))}</description></item>
              <item><title>House note</title><guid isPermaLink="false">note-2</guid><category>US Politics</category><description>{System.Net.WebUtility.HtmlEncode(TestFeeds.Story(2))}</description></item>
              <item><title>Short note</title><guid isPermaLink="false">note-3</guid><category>US Politics</category><description>Read the rest in the app.</description></item>
            </channel></rss>
            """;
        server.MapText("/feed.xml", "application/rss+xml", feed);
        var config = CollectingConfig.Write([Source("Notes", server.Url("/feed.xml"))]);
        var prefix = AzuriteFixture.UniquePrefix();
        await using (var herald = await TestHerald.StartAsync(azurite, configFile: config, prefix: prefix, realTime: true))
        {
            var report = await herald.Get<ArticleCollector>().CollectAsync(Ct);

            Assert.Equal((3, 2, 1, 0), (report.Items, report.NewArticles, report.LinklessTeasers, report.PagesFetched));
            var articles = await AllArticlesAsync(herald);
            Assert.Equal(["House note", "Senate note"], articles.Select(a => a.Title).Order(StringComparer.Ordinal));
            Assert.All(articles, a => Assert.Equal(server.Url("/").AbsoluteUri, a.Url));
            Assert.Equal(2, articles.Select(a => a.Id).Distinct().Count());
            Assert.Equal(1, server.RequestsTo("/feed.xml"));
            Assert.Single(server.Requests); // the site's page is never fetched for them
        }

        server.MapText("/feed.xml", "application/rss+xml", feed.Replace("Senate note", "Senate note (updated)", StringComparison.Ordinal));
        await using var restarted = await TestHerald.StartAsync(azurite, configFile: config, prefix: prefix, realTime: true);

        var again = await restarted.Get<ArticleCollector>().CollectAsync(Ct);

        Assert.Equal(0, again.NewArticles); // known by its guid, whatever its title says now
        Assert.Equal(2, (await AllArticlesAsync(restarted)).Count);
    }

    [Fact]
    public async Task Tags_come_from_the_source_the_categories_and_the_rules_and_source_rules_filter()
    {
        await using var server = await TestWebServer.StartAsync();
        server.MapText("/feed.xml", "application/rss+xml", TestFeeds.Rss(
            "Wire",
            new TestFeeds.Item("President signs order", server.Url("/1").AbsoluteUri, TestFeeds.Story(1, "the president's executive order")),
            new TestFeeds.Item("Champions visit", server.Url("/2").AbsoluteUri, TestFeeds.Story(2), "Sport"),
            new TestFeeds.Item("Weather", server.Url("/3").AbsoluteUri, TestFeeds.Story(3), "Weather")));
        var tagging = new
        {
            Rules = new object[] { new { Tag = "White House", Keywords = new[] { "president" }, Patterns = new[] { @"executive\s+orders?" }, Threshold = 3 } },
            Synonyms = new Dictionary<string, string> { ["us_politics"] = "us-politics" },
        };
        var config = CollectingConfig.Write([Source("Wire", server.Url("/feed.xml"), tags: ["US_Politics"], exclude: ["weather"])], tagging);
        await using var herald = await TestHerald.StartAsync(azurite, configFile: config, realTime: true);

        var report = await herald.Get<ArticleCollector>().CollectAsync(Ct);

        Assert.Equal((2, 1), (report.NewArticles, report.FilteredItems));
        var articles = await AllArticlesAsync(herald);
        Assert.Equal(["us-politics", "white-house"], articles.Single(a => a.Title == "President signs order").Tags);
        Assert.Equal(["sport", "us-politics"], articles.Single(a => a.Title == "Champions visit").Tags);
    }

    private static object Source(string name, Uri url, bool allowPrivate = true, string[]? tags = null, string[]? exclude = null) =>
        new { Name = name, Url = url.AbsoluteUri, AllowPrivateNetwork = allowPrivate, Tags = tags ?? [], ExcludeTags = exclude ?? [] };

    private static Encoding CodePages(int codePage)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(codePage);
    }

    private static async Task<List<FeedState>> ReadStatesAsync(TestHerald herald)
    {
        var states = new List<FeedState>();
        await foreach (var state in herald.Get<HeraldStorage>().FeedState.QueryAsync<FeedState>(cancellationToken: Ct))
        {
            states.Add(state);
        }

        return states;
    }

    private static async Task<Article> SingleArticleAsync(TestHerald herald) => Assert.Single(await AllArticlesAsync(herald));

    private static async Task<List<Article>> AllArticlesAsync(TestHerald herald)
    {
        var articles = new List<Article>();
        await foreach (var blob in herald.Get<HeraldStorage>().Articles.GetBlobsAsync(cancellationToken: Ct))
        {
            articles.Add((await herald.Get<ArticleStore>().GetAsync(blob.Name, Ct))!.Value.Article);
        }

        return articles;
    }
}
