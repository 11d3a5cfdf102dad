using System.Diagnostics;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Herald.Configuration;
using Herald.Editions.Rendering;
using Herald.Links;
using Herald.Templates;
using Herald.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace Herald.Tests.Editions;

/// <summary>
/// The golden editions as a reader's mail client would get them: in headless Chromium at 600 px and 375 px, light and
/// dark; through html-validate with email markup's allowances; and checked for every stylesheet rule inlined.
/// Screenshots go to bin/.../screenshots/digest for people to look at.
/// </summary>
public partial class DigestRenderedTests(ITestOutputHelper output)
{
    public static TheoryData<string> Editions => GoldenFile.Cases("digest", ".json");

    public static string Screenshots => Path.Combine(AppContext.BaseDirectory, "screenshots", "digest");

    [Theory]
    [MemberData(nameof(Editions))]
    public async Task At_600_and_375_pixels_in_light_and_dark_nothing_overflows_every_story_shows_and_all_text_reads(string name)
    {
        var file = await WriteAsync(name);
        await using var chromium = await Chromium.LaunchAsync();
        var problems = new List<string>();
        foreach (var width in new[] { 600, 375 })
        {
            foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
            {
                await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = 800 }, ColorScheme = scheme });
                var page = await context.NewPageAsync();
                await page.GotoAsync(new Uri(file).AbsoluteUri);
                var shot = Path.Combine(Screenshots, $"{name}-{width}-{scheme.ToString().ToLowerInvariant()}.png");
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true });
                var found = await page.EvaluateAsync<string[]>(Probe);
                problems.AddRange(found.Select(p => $"{width} px {scheme}: {p}"));
                if (scheme == ColorScheme.Dark)
                {
                    Assert.True(await page.EvaluateAsync<bool>("() => { const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\\d+/g).map(Number); return r + g + b < 120; }"), $"{width} px: the dark scheme's background is not dark");
                }
            }
        }

        output.WriteLine($"Screenshots: {Screenshots}");
        Assert.Empty(problems);
    }

    [Theory]
    [MemberData(nameof(Editions))]
    public async Task The_html_passes_html_validate_with_email_markups_allowances(string name)
    {
        var file = await WriteAsync(name);
        var validator = Path.Combine(RepositoryPaths.Root, "node_modules", ".bin", "html-validate");
        Assert.True(File.Exists(validator), $"{validator} is missing: run 'npm ci' (test.sh does).");
        var start = new ProcessStartInfo(validator) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryPaths.Root };
        foreach (var argument in new[] { "--config", RepositoryPaths.Data("htmlvalidate-email.json"), "--formatter", "text", file })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var said = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken) + await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.True(process.ExitCode == 0, said);
    }

    [Theory]
    [MemberData(nameof(Editions))]
    public void Every_rule_of_the_stylesheet_reaches_every_element_it_applies_to_inline(string name)
    {
        var edition = GoldenEdition.Load(name);
        var rendered = Renderer().Render(edition.Newsletter, edition.Slot, edition.EditionId, edition.Ranked);
        var document = new HtmlParser().ParseDocument(rendered.Html);
        var stylesheet = File.ReadAllText(Path.Combine(RepositoryPaths.Templates, "digest.css"));
        var missing = new List<string>();

        Assert.Empty(rendered.StyleWarnings);
        foreach (Match rule in Rule().Matches(Regex.Replace(stylesheet, @"/\*.*?\*/", "", RegexOptions.Singleline)))
        {
            var properties = rule.Groups["body"].Value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(d => d.Split(':')[0].Trim()).ToList();
            foreach (var element in document.QuerySelectorAll(rule.Groups["selector"].Value.Trim()))
            {
                var style = element.GetAttribute("style") ?? "";
                missing.AddRange(properties.Where(p => !Regex.IsMatch(style, $@"(^|;)\s*{Regex.Escape(p)}\s*:")).Select(p => $"{rule.Groups["selector"].Value.Trim()} {{ {p} }} not inline on <{element.LocalName} class=\"{element.ClassName}\">"));
            }
        }

        // Only media queries stay in a style element: what a client without <style> support loses is the phone and dark layouts.
        var styles = document.QuerySelectorAll("style").Select(s => s.TextContent).ToList();
        Assert.Equal(["herald-responsive"], document.QuerySelectorAll("style").Select(s => s.Id));
        Assert.DoesNotMatch(@"^\s*[.a-z#][^@{}]*\{", Regex.Replace(styles.Single(), @"@media[^{]*\{([^{}]*\{[^{}]*\})*\s*\}", ""));
        Assert.Empty(missing);
    }

    [Fact]
    public void Images_if_any_carry_alt_text_and_sizes_and_no_element_loads_anything_from_outside()
    {
        var edition = GoldenEdition.Load("sectioned-edition");
        var html = Renderer().Render(edition.Newsletter, edition.Slot, edition.EditionId, edition.Ranked).Html;
        var document = new HtmlParser().ParseDocument(html);

        Assert.All(document.Images, img => Assert.True(img.HasAttribute("alt") && img.HasAttribute("width") && img.HasAttribute("height"), img.OuterHtml));
        Assert.Empty(document.QuerySelectorAll("script, link[rel=stylesheet], iframe, object, embed"));
    }

    /// <summary>Renders a golden edition with sample personal links and writes it where the screenshots go.</summary>
    private static async Task<string> WriteAsync(string name)
    {
        var edition = GoldenEdition.Load(name);
        var html = PersonalSlots.Fill(Renderer().Render(edition.Newsletter, edition.Slot, edition.EditionId, edition.Ranked).Html, new PersonalValues("https://herald.example/api/unsubscribe?token=t", "https://herald.example/api/preferences?token=t", "Ada"), html: true);
        Directory.CreateDirectory(Screenshots);
        var file = Path.Combine(Screenshots, $"{name}.html");
        await File.WriteAllTextAsync(file, html, TestContext.Current.CancellationToken);
        return file;
    }

    private static DigestRenderer Renderer()
    {
        var options = Options.Create(new HeraldOptions { PublicBaseUrl = "https://herald.example", TemplateDirectory = RepositoryPaths.Templates });
        return new DigestRenderer(new TemplateCatalog(options), new SiteLinks(options));
    }

    /// <summary>
    /// In the page: the document wider than the window; a story box missing or outside the window; text whose colour
    /// is too close to its background's (contrast under 4.5:1, WCAG AA) — the preheader, hidden on purpose, aside.
    /// </summary>
    private const string Probe = """
        () => {
          const problems = [];
          const width = window.innerWidth;
          if (document.documentElement.scrollWidth > width + 1) problems.push(`page is ${document.documentElement.scrollWidth}px wide`);
          const stories = [...document.querySelectorAll('[id^="story-"]')];
          if (stories.length === 0) problems.push('no story found');
          for (const s of stories) {
            const r = s.getBoundingClientRect();
            if (r.width < 100 || r.height < 20 || r.left < -1 || r.right > width + 1) problems.push(`${s.id} at ${Math.round(r.left)}..${Math.round(r.right)}`);
          }
          const rgb = c => (c.match(/[\d.]+/g) || [0, 0, 0, 0]).map(Number);
          const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }).reduce((a, v, i) => a + v * [0.2126, 0.7152, 0.0722][i], 0);
          const background = el => { for (; el; el = el.parentElement) { const c = rgb(getComputedStyle(el).backgroundColor); if (c.length < 4 || c[3] > 0) return c; } return [255, 255, 255]; };
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let node; (node = walker.nextNode());) {
            const el = node.parentElement;
            if (!node.textContent.trim() || el.closest('.preheader') || el.offsetParent === null) continue;
            const fg = lum(rgb(getComputedStyle(el).color)), bg = lum(background(el));
            const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
            if (ratio < 4.5) problems.push(`"${node.textContent.trim().slice(0, 40)}" contrast ${ratio.toFixed(2)}`);
          }
          return problems;
        }
        """;

    [GeneratedRegex(@"(?<selector>[^{}@]+)\{(?<body>[^{}]*)\}")]
    private static partial Regex Rule();
}
