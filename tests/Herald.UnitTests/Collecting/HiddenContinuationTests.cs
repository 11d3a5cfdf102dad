using AngleSharp.Html.Parser;
using Herald.Collecting;

namespace Herald.UnitTests.Collecting;

/// <summary>
/// A story continued in a block a script reveals is shown again before extraction; hidden blocks that do not continue
/// the text (menus, dialogs, screen-reader labels, a hidden block before any paragraph) stay hidden.
/// </summary>
public class HiddenContinuationTests
{
    private const string Paragraph = "The council debated the housing plan for three hours and heard from residents who spoke for and against it, citing rents and traffic.";

    private static readonly string Three = string.Concat(Enumerable.Repeat($"<p>{Paragraph}</p>", 3));

    [Theory]
    [InlineData("<div class=\"hide-on-init\">{0}</div>")]
    [InlineData("<div class=\"story-more js-hidden collapsed\">{0}</div>")]
    [InlineData("<div hidden>{0}</div>")]
    [InlineData("<div style=\"display: none\">{0}</div>")]
    [InlineData("<section class=\"d-none\" aria-hidden=\"true\">{0}</section>")]
    public void The_rest_of_a_story_after_its_first_paragraphs_is_shown(string hider)
    {
        var page = Page($"<article><div class=\"body\">{Three}<button>Continue reading</button>{string.Format(System.Globalization.CultureInfo.InvariantCulture, hider, Three)}</div></article>");

        Assert.Equal(1, HiddenContinuation.Reveal(page));

        var block = page.QuerySelector(".body")!.Children[^1];
        Assert.False(block.HasAttribute("hidden") || block.HasAttribute("aria-hidden") || block.HasAttribute("style"));
        Assert.DoesNotContain(block.ClassList, c => c.Contains("hid", StringComparison.Ordinal) || c.Contains("collapse", StringComparison.Ordinal) || c == "d-none");
    }

    [Theory]
    [InlineData("<nav class=\"menu hidden\"><ul><li><a href=\"/a\">Politics</a></li><li><a href=\"/b\">Business</a></li></ul></nav>")]
    [InlineData("<div class=\"dialog hidden\"><p>Subscribe for full access.</p><p>Cancel any time.</p></div>")]
    [InlineData("<span class=\"visually-hidden\">Opens in a new window</span>")]
    [InlineData("<div class=\"comments collapsed\"><p>Great piece.</p></div>")]
    public void Hidden_blocks_that_do_not_continue_the_text_stay_hidden(string block)
    {
        var page = Page($"<article>{Three}{block}</article>");

        Assert.Equal(0, HiddenContinuation.Reveal(page));
    }

    [Fact]
    public void A_hidden_block_before_any_paragraph_of_the_story_stays_hidden()
    {
        var page = Page($"<div class=\"cookie-dialog hidden\">{Three}</div><article>{Three}</article>");

        Assert.Equal(0, HiddenContinuation.Reveal(page));
    }

    [Fact]
    public void Extraction_keeps_the_whole_story_that_a_script_would_reveal()
    {
        var html = $"<html><head><title>Council approves plan</title></head><body><main><article><h1>Council approves plan</h1><div class=\"article-body\">{Three}<button>Continue reading</button><div class=\"hide-on-init\">{string.Concat(Enumerable.Repeat(Three, 5))}</div></div></article></main></body></html>";

        var extracted = PageExtractor.Extract(html, new Uri("https://town.example/council"));

        Assert.Equal(18, extracted.Text.Split("\n\n").Count(p => p == Paragraph));
    }

    private static AngleSharp.Dom.IElement Page(string body) => new HtmlParser().ParseDocument($"<html><body>{body}</body></html>").Body!;
}
