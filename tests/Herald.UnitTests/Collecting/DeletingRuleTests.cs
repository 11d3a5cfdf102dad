using Herald.Collecting;

namespace Herald.UnitTests.Collecting;

/// <summary>
/// Each boilerplate rule that deletes meets a real article of the shape it could mistake for boilerplate, and the
/// article's every paragraph survives extraction: a page wrapped in a form, a post whose classes name its tags and
/// category, a layout named for its sidebar, sentences that open like a byline, a sign-up prompt or a weather box, a
/// list the text introduces, a "Highlights" heading, a captioned photo in a "widget", a post written with line breaks.
/// (The promotion rule is measured over both development sets by <c>PromoLineRateTests</c>.)
/// </summary>
public class DeletingRuleTests
{
    private static readonly string[] Story =
    [
        "The city council approved the housing plan on Tuesday after a debate that ran past midnight.",
        "Supporters said the plan would add two thousand homes near the new rail line within five years.",
        "Opponents warned that the roads around the station could not carry the extra traffic.",
        "The mayor is expected to sign the measure before the end of the month, her office said.",
    ];

    public static TheoryData<string, string, string[]> Shapes() => new()
    {
        {
            "tag removal (form): a page wrapped in one form, as ASP.NET Web Forms sites are",
            $"<form id=\"aspnetForm\" method=\"post\" action=\"./story.aspx\"><div id=\"main\"><h1>Council approves plan</h1>{Paragraphs(Story)}</div></form>",
            Story
        },
        {
            "noisy class name: a WordPress post whose classes name its tag and category",
            $"<article class=\"post-812 post type-post category-sponsored tag-newsletter tag-weather\"><h1>Council approves plan</h1>{Paragraphs(Story)}</article>",
            Story
        },
        {
            "noisy class name: a layout named for the sidebar beside the story",
            $"<div class=\"layout layout--with-sidebar\"><div class=\"main\"><h1>Council approves plan</h1>{Paragraphs(Story)}</div><div class=\"sidebar\"><a href=\"/a\">Most read</a></div></div>",
            Story
        },
        {
            "noisy class name: a story container whose ads are switched on",
            $"<div class=\"story ads-enabled\"><h1>Council approves plan</h1>{Paragraphs(Story)}</div>",
            Story
        },
        {
            "noisy text (byline): sentences that open with \"By\"",
            $"<article><h1>Council approves plan</h1>{Paragraphs([Story[0], "By then, most residents had gone home.", "By Friday, the deal was done.", Story[1]])}</article>",
            [Story[0], "By then, most residents had gone home.", "By Friday, the deal was done.", Story[1]]
        },
        {
            "noisy text (sign up): a sentence about signing up for the plan",
            $"<article><h1>Council approves plan</h1>{Paragraphs([Story[0], "Sign up for the housing lottery opens in March, officials said.", "Subscriptions to the transit pass rose by a third.", Story[1]])}</article>",
            [Story[0], "Sign up for the housing lottery opens in March, officials said.", "Subscriptions to the transit pass rose by a third.", Story[1]]
        },
        {
            "weather box: a sentence of a story about the weather",
            $"<article><h1>Storm closes schools</h1>{Paragraphs([Story[0], "Temperatures fell to -5°C overnight and the wind reached 60 mph, forecasters said.", Story[1]])}</article>",
            [Story[0], "Temperatures fell to -5°C overnight and the wind reached 60 mph, forecasters said.", Story[1]]
        },
        {
            "link-dense list: a list the article's own sentence introduces",
            $"<article><h1>Council approves plan</h1><p>{Story[0]}</p><p>The plan covers:</p><ul><li><a href=\"/zoning\">New zoning rules</a></li><li><a href=\"/rail\">The rail station</a></li></ul><p>{Story[1]}</p></article>",
            [Story[0], "The plan covers:", "New zoning rules", "The rail station", Story[1]]
        },
        {
            "noisy text (highlights): a \"Highlights\" heading inside the article",
            $"<article><h1>Council approves plan</h1><p>{Story[0]}</p><h2>Highlights</h2><p>{Story[1]}</p><p>{Story[2]}</p></article>",
            [Story[0], Story[1], Story[2]]
        },
        {
            "noisy class name (widget): a captioned photo in a widget",
            $"<article><h1>Council approves plan</h1><p>{Story[0]}</p><div class=\"widget image\"><figure><img src=\"/p.jpg\" alt=\"\"><figcaption>Council members vote on Tuesday.</figcaption></figure></div><p>{Story[1]}</p></article>",
            [Story[0], "Council members vote on Tuesday.", Story[1]]
        },
        {
            "noisy class name (widget): a blog post written with line breaks",
            $"<div class=\"widget Blog\"><div class=\"post\"><h3>Council approves plan</h3>{string.Join("<br><br>", Story)}</div></div>",
            Story
        },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void A_real_article_of_the_rules_shape_keeps_every_paragraph(string shape, string body, string[] expected)
    {
        var html = $"<html><head><title>Council approves plan | Town News</title></head><body><header><a href=\"/\">Town News</a></header>{body}<footer><p>© 2026 Town News</p></footer></body></html>";

        var paragraphs = PageExtractor.Extract(html, new Uri("https://town.example/2026/11/council")).Text.Split("\n\n");

        Assert.True(expected.All(paragraphs.Contains), $"{shape}: lost {string.Join(" / ", expected.Where(e => !paragraphs.Contains(e)))}; got {string.Join(" / ", paragraphs)}");
    }

    private static string Paragraphs(IEnumerable<string> paragraphs) => string.Concat(paragraphs.Select(p => $"<p>{p}</p>"));
}
